import Foundation
import SizeGate
import StableJSON

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
        /// The line of each key in each file that applied: file name → key path → line.
        public var keyLines: [String: [String: Int]] = [:]

        /// Where the rule at `keyPath` was set: the file's name and the line of the key there; nil
        /// for the built-in defaults.
        public func origin(of keyPath: String) -> (file: String, line: Int?)? {
            guard let file = rules.setBy[keyPath], file != GateRules.builtInLabel else { return nil }
            return (file, keyLines[file]?[keyPath])
        }
    }

    /// Fails unless the directory exists and can be listed: a mistyped `--baselines`, or CI running
    /// from another directory, must not quietly check every image against the built-in defaults.
    public func checkDirectory() throws(DocumentError) {
        var info = stat()
        guard stat(directory, &info) == 0 else {
            let why = errno == ENOENT ? "does not exist" : "cannot be read: \(String(cString: strerror(errno)))"
            throw DocumentError(file: directory, problem: .noDirectory(why))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw DocumentError(file: directory, problem: .noDirectory("is not a directory")) }
        guard access(directory, R_OK | X_OK) == 0 else {
            throw DocumentError(file: directory, problem: .noDirectory("cannot be read: \(String(cString: strerror(errno)))"))
        }
    }

    /// `DIRECTORY/NAME.json`.
    public func path(for name: String) -> String { DisplayPath.join(directory, "\(name).json") }

    var defaultsPath: String { DisplayPath.join(directory, Self.defaultsFileName) }

    /// The built-in defaults overlaid with `defaults.json` when it exists.
    public func defaultRules() throws(DocumentError) -> (rules: GateRules, files: [String]) {
        let resolved = try defaults()
        return (resolved.rules, resolved.files)
    }

    private func defaults() throws(DocumentError) -> Resolved {
        guard let (document, lines) = try read(defaultsPath, name: nil) else {
            return Resolved(name: "", rules: GateRules.builtIn, files: [], hasImageFile: false, document: nil)
        }
        let resolved = Resolved(
            name: "", rules: GateRules.builtIn.overlaid(with: document, label: Self.defaultsFileName),
            files: [Self.defaultsFileName], hasImageFile: false, document: nil, keyLines: [Self.defaultsFileName: lines])
        try refuseConflicts(resolved)
        return resolved
    }

    /// The rules for the image called `name`: built-in defaults, `defaults.json`, then `NAME.json`.
    public func resolve(name: String) throws(DocumentError) -> Resolved {
        if let problem = ImageNaming.validate(name) {
            throw DocumentError(file: path(for: name), problem: .badValue("not a usable image name: \(problem)"))
        }
        let base = try defaults()
        guard let (document, lines) = try read(path(for: name), name: name) else {
            return Resolved(name: name, rules: base.rules, files: base.files, hasImageFile: false, document: nil, keyLines: base.keyLines)
        }
        let fileName = "\(name).json"
        var keyLines = base.keyLines
        keyLines[fileName] = lines
        let resolved = Resolved(
            name: name, rules: base.rules.overlaid(with: document, label: fileName), files: base.files + [fileName],
            hasImageFile: true, document: document, keyLines: keyLines)
        try refuseConflicts(resolved)
        return resolved
    }

    /// Throws for the first warn limit above its fail limit, naming the file that made the
    /// conflict (the later of the two that set them) and the key it set. The built-in warn limit
    /// is no one's typo: a file that sets only a lower fail limit is not refused for it.
    private func refuseConflicts(_ resolved: Resolved) throws(DocumentError) {
        let written = LimitConflict.find(in: resolved.rules).filter { resolved.rules.setBy[$0.warnKey] != GateRules.builtInLabel }
        guard let conflict = written.first else { return }
        let warnFile = resolved.rules.setBy[conflict.warnKey] ?? GateRules.builtInLabel
        let failFile = resolved.rules.setBy[conflict.failKey] ?? GateRules.builtInLabel
        let order = { (file: String) in resolved.files.firstIndex(of: file) ?? -1 }
        let (file, key) = order(failFile) > order(warnFile) ? (failFile, conflict.failKey) : (warnFile, conflict.warnKey)
        let otherKey = key == conflict.warnKey ? conflict.failKey : conflict.warnKey
        let otherFile = key == conflict.warnKey ? failFile : warnFile
        throw DocumentError(
            file: DisplayPath.join(directory, file), keyPath: key,
            problem: .warnAboveFail(warn: conflict.warnText, fail: conflict.failText, otherKey: otherKey, otherFile: otherFile))
    }

    /// The image's own file, nil when it does not exist.
    public func document(name: String) throws(DocumentError) -> BaselineDocument? {
        try read(path(for: name), name: name)?.document
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
    private func read(_ path: String, name: String?) throws(DocumentError) -> (document: BaselineDocument, keyLines: [String: Int])? {
        guard let bytes = try FileBytes.read(path) else { return nil }
        let document = try BaselineDecoder.decode(bytes, file: path, name: name)
        // The decoder has already parsed these bytes, so this cannot fail; no lines is the fallback.
        return (document, (try? JSONParser.keyLines(bytes)) ?? [:])
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
