import Foundation

// The image-distribution documents every source reads (tarballs, layouts and registries): legacy
// `manifest.json`, OCI and Docker manifests, indexes and manifest lists, decoded with Foundation's
// JSONDecoder. Every field is optional here; each reader says which ones an image needs.

/// An OCI content descriptor (also Docker's manifest-list entry).
public struct ContentDescriptor: Decodable, Sendable {
    public struct PlatformObject: Decodable, Sendable {
        public var os: String?
        public var architecture: String?
        public var variant: String?
    }

    public var mediaType: String?
    public var digest: String?
    public var size: Int64?
    public var annotations: [String: String]?
    public var platform: PlatformObject?

    /// An attestation manifest (buildx's provenance and SBOMs): listed in indexes beside the
    /// images, never an image itself.
    public var isAttestation: Bool {
        annotations?["vnd.docker.reference.type"] == "attestation-manifest"
            || (platform?.os == "unknown" && platform?.architecture == "unknown")
    }

    public var parsedPlatform: Platform? {
        guard let os = platform?.os, let architecture = platform?.architecture else { return nil }
        return Platform(os: os, architecture: architecture, variant: platform?.variant)
    }
}

/// An image manifest or an index: both are JSON objects told apart by their media type or by which
/// of `layers` and `manifests` they have.
public struct ManifestDocument: Decodable, Sendable {
    public var schemaVersion: Int?
    public var mediaType: String?
    public var config: ContentDescriptor?
    public var layers: [ContentDescriptor]?
    public var manifests: [ContentDescriptor]?

    public static let indexTypes: Set<String> = [
        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    ]

    /// True when this is an index (or manifest list) rather than one image's manifest.
    public func isIndex(describedAs descriptorType: String?) -> Bool {
        if let type = descriptorType ?? mediaType, Self.indexTypes.contains(type) { return true }
        return manifests != nil && layers == nil
    }
}

/// One image of a legacy `manifest.json` (a JSON array of these).
public struct LegacyManifestEntry: Decodable, Sendable {
    public var config: String?
    public var repoTags: [String]?
    public var layers: [String]?

    enum CodingKeys: String, CodingKey {
        case config = "Config", repoTags = "RepoTags", layers = "Layers"
    }
}

/// The shape of any JSON value, decoded without keeping it: what a document is when it is not what
/// was expected, for the error that says so.
public enum JSONOutline: Decodable, CustomStringConvertible {
    case null, bool, number, string, array(count: Int), object(keys: [String])

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Skip: Decodable {
        init(from decoder: Decoder) throws { _ = try JSONOutline(from: decoder) }
    }

    public init(from decoder: Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            self = .object(keys: keyed.allKeys.map(\.stringValue).sorted())
            return
        }
        if var list = try? decoder.unkeyedContainer() {
            var count = 0
            while !list.isAtEnd {
                _ = try list.decode(Skip.self)
                count += 1
            }
            self = .array(count: count)
            return
        }
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if (try? value.decode(Bool.self)) != nil {
            self = .bool
        } else if (try? value.decode(Double.self)) != nil {
            self = .number
        } else {
            _ = try value.decode(String.self)
            self = .string
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array(let count): return "a list of \(count) item\(count == 1 ? "" : "s")"
        case .object(let keys):
            if keys.isEmpty { return "an empty object" }
            let shown = keys.prefix(6).joined(separator: ", ") + (keys.count > 6 ? ", …" : "")
            return "an object with keys \(shown)"
        }
    }

    /// True when `bytes` are one well-formed JSON document.
    public static func parses(_ bytes: [UInt8]) -> Bool {
        (try? JSONDecoder().decode(JSONOutline.self, from: Data(bytes))) != nil
    }
}

/// Decodes a document, turning JSONDecoder's errors into one readable clause.
public enum DocumentDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> Result<T, DocumentProblem> {
        do {
            return .success(try JSONDecoder().decode(type, from: Data(bytes)))
        } catch let error as DecodingError {
            return .failure(DocumentProblem(error))
        } catch {
            return .failure(DocumentProblem(message: "invalid JSON (\(error))"))
        }
    }
}

/// Why a document did not decode, as one clause: "invalid JSON (…)" or "key.path: expected …".
public struct DocumentProblem: Error, CustomStringConvertible {
    public var message: String

    public init(message: String) { self.message = message }

    public init(_ error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[") + ": "
        }
        switch error {
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            if context.codingPath.isEmpty {
                message = "invalid JSON (\(underlying ?? context.debugDescription))"
            } else {
                message = "\(path(context))\(context.debugDescription)"
            }
        case .typeMismatch(let type, let context):
            message = "\(path(context))expected \(Self.name(of: type))"
        case .valueNotFound(let type, let context):
            message = "\(path(context))expected \(Self.name(of: type)), found null"
        case .keyNotFound(let key, let context):
            message = "\(path(context))missing key '\(key.stringValue)'"
        @unknown default:
            message = "invalid JSON (\(error))"
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Double.Type: return "a number"
        case is [Any].Type: return "a list"
        default:
            let text = "\(type)"
            if text.hasPrefix("Array<") { return "a list" }
            if text.hasPrefix("Dictionary<") { return "an object" }
            return "an object"
        }
    }

    public var description: String { message }
}
