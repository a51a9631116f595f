import Foundation
import SizeGate

/// The baselines of a directory (`Baselines/` by default): `defaults.json` for every image and
/// `NAME.json` per image. Reads and validates them, and writes them atomically.
public struct BaselineStore: Sendable {
    /// The directory as the user gave it.
    public var directory: String

    public init(directory: String = "Baselines") {
        self.directory = directory
    }

    public static let defaultsFileName = "defaults.json"

    /// The rules that apply to `name`, and where they came from.
    public struct Resolved: Sendable {
        public var name: String
        public var rules: GateRules
        /// The files that applied, bottom first, by file name (`defaults.json`, `finance.json`).
        public var files: [String]
        /// Whether `NAME.json` exists.
        public var hasImageFile: Bool
        /// The image's own file as written, when it exists.
        public var document: BaselineDocument?
    }

    /// `DIRECTORY/NAME.json`.
    public func path(for name: String) -> String { DisplayPath.join(directory, "\(name).json") }

    var defaultsPath: String { DisplayPath.join(directory, Self.defaultsFileName) }

    /// The built-in defaults overlaid with `defaults.json` when it exists.
    public func defaultRules() throws(DocumentError) -> (rules: GateRules, files: [String]) {
        guard let document = try read(defaultsPath, name: nil) else { return (GateRules.builtIn, []) }
        return (GateRules.builtIn.overlaid(with: document, label: Self.defaultsFileName), [Self.defaultsFileName])
    }

    /// The rules for the image called `name`: built-in defaults, `defaults.json`, then `NAME.json`.
    public func resolve(name: String) throws(DocumentError) -> Resolved {
        if let problem = ImageNaming.validate(name) {
            throw DocumentError(file: path(for: name), problem: .badValue("not a usable image name: \(problem)"))
        }
        let (defaults, files) = try defaultRules()
        guard let document = try read(path(for: name), name: name) else {
            return Resolved(name: name, rules: defaults, files: files, hasImageFile: false, document: nil)
        }
        let fileName = "\(name).json"
        return Resolved(
            name: name, rules: defaults.overlaid(with: document, label: fileName), files: files + [fileName],
            hasImageFile: true, document: document)
    }

    /// The image's own file, nil when it does not exist.
    public func document(name: String) throws(DocumentError) -> BaselineDocument? {
        try read(path(for: name), name: name)
    }

    /// Writes `NAME.json` atomically.
    public func write(_ document: BaselineDocument, name: String) throws(AtomicFile.Failure) {
        try AtomicFile.write(BaselineEncoder.text(document), to: path(for: name))
    }

    /// Every image name with a baseline file, sorted.
    public func names() throws(DocumentError) -> [String] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw DocumentError(file: directory, problem: .unreadable("cannot list the directory"))
        }
        return entries.filter { $0.hasSuffix(".json") && $0 != Self.defaultsFileName && !$0.hasPrefix(".") }
            .map { String($0.dropLast(5)) }.sorted()
    }

    /// Reads and decodes one file; nil when it does not exist.
    private func read(_ path: String, name: String?) throws(DocumentError) -> BaselineDocument? {
        guard let bytes = try FileBytes.read(path) else { return nil }
        return try BaselineDecoder.decode(bytes, file: path, name: name)
    }
}

/// Whole-file reads with errors that name the file.
enum FileBytes {
    /// The file's bytes; nil when it does not exist.
    static func read(_ path: String) throws(DocumentError) -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw DocumentError(file: path, problem: .unreadable(String(cString: strerror(errno))))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DocumentError(file: path, problem: .unreadable("is a directory"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DocumentError(file: path, problem: .unreadable(String(cString: strerror(errno))))
        }
        return [UInt8](data)
    }
}
