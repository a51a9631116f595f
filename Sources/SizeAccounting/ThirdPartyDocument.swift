#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import StableJSON
import Yams

/// Reads documents that other tools wrote inside an image (package.json, npm's hidden lockfile,
/// pnpm's YAML) through the libraries made for them: Foundation's `JSONDecoder` and Yams. The
/// types they decode into are small and tolerant (see `Lenient`); a document that still cannot be
/// read throws `Unreadable`, whose reason the caller puts in a note, and accounting goes on.
enum ThirdPartyDocument {
    /// Why a document could not be read, in a few words for a note.
    struct Unreadable: Error, Equatable {
        var reason: String
    }

    /// Decodes JSON text.
    static func json<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(Unreadable) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            // JSONDecoder says only "The given data was not valid JSON."; StableJSON's parser
            // says where, for the note (it reads nothing else of the document).
            do {
                _ = try JSONParser.parse(bytes)
            } catch {
                throw Unreadable(reason: "not valid JSON: " + oneLine(error.description))
            }
            throw Unreadable(reason: "not valid JSON: " + oneLine(context.debugDescription))
        } catch {
            throw Unreadable(reason: reason(error, syntax: "JSON"))
        }
    }

    /// The most nodes a YAML document may expand to, aliases and merge keys counted each time
    /// they are used. pnpm writes no aliases, so its documents have about one node per scalar;
    /// the limit stops an alias bomb (a few lines that expand exponentially) before Yams walks it.
    static let maxYAMLNodes = 4_000_000

    /// Decodes YAML text (JSON is YAML too).
    static func yaml<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(Unreadable) -> T {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            // The merge resolver alone, as YAMLDecoder uses: every other scalar stays a string
            // until the decoded type asks for a Bool or a number.
            let parser = try Parser(yaml: text, resolver: Resolver.basic.appending(Resolver.Rule.merge))
            return try withExtendedLifetime(parser) {
                let node = try parser.singleRoot() ?? Node("")
                guard expandedCount(node, limit: maxYAMLNodes) <= maxYAMLNodes else {
                    throw Unreadable(reason: "aliases expand it to more than \(maxYAMLNodes) nodes")
                }
                return try YAMLDecoder().decode(type, from: node)
            }
        } catch let unreadable as Unreadable {
            throw unreadable
        } catch let error as YamlError {
            throw Unreadable(reason: "not valid YAML: " + oneLine("\(error)"))
        } catch {
            throw Unreadable(reason: reason(error, syntax: "YAML"))
        }
    }

    /// Nodes in `root` with shared (aliased) subtrees counted at each use, stopping past `limit`.
    /// Iterative, so deep nesting (libyaml allows 1,000 levels) costs no stack.
    private static func expandedCount(_ root: Node, limit: Int) -> Int {
        var count = 0
        var pending = [root]
        while let node = pending.popLast() {
            count += 1
            if count > limit { return count }
            switch node {
            case .scalar, .alias: break
            case .mapping(let mapping):
                for pair in mapping {
                    pending.append(pair.key)
                    pending.append(pair.value)
                }
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            }
        }
        return count
    }

    /// A decoding error in one line: "not valid JSON: ..." for text the syntax does not allow,
    /// else what was wrong with the document's shape and where.
    static func reason(_ error: Error, syntax: String) -> String {
        guard let decoding = error as? DecodingError else { return "not valid \(syntax): " + oneLine("\(error)") }
        func place(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "" : " at \(path)"
        }
        switch decoding {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            return "not the expected shape: " + oneLine(context.debugDescription) + place(context)
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { "\($0)" }
            return "not valid \(syntax): " + oneLine(underlying ?? context.debugDescription) + place(context)
        @unknown default:
            return "not valid \(syntax): " + oneLine("\(error)")
        }
    }

    /// Error texts span lines and quote the input (Yams prints the offending line and a caret
    /// under it); a note is one line of bounded length with no control characters from the image.
    private static func oneLine(_ text: String) -> String {
        let first = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
        var clean = String.UnicodeScalarView()
        for scalar in first.unicodeScalars {
            clean.append(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? "?" : scalar)
        }
        var line = String(clean).trimmed(of: " :")
        if line.count > 200 { line = String(line.prefix(200)) + "…" }
        return line
    }
}
