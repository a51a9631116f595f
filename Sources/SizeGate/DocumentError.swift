/// Why a baseline, history record or saved report could not be used. Always names the file, the
/// key path inside it (`limits.warn`, `recorded.layers[2].diffID`) where there is one, and the
/// problem, on one line.
public struct DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        /// The file could not be read at all.
        case unreadable(String)
        /// Not valid JSON: the parser's message with line and column.
        case syntax(String)
        case missingVersion
        case unsupportedVersion(Int64, supported: Int64)
        case unknownKey(known: [String])
        case missingKey
        case wrongType(expected: String, found: String)
        case badSize(String)
        case badPercent(String)
        case badPattern(String)
        case unknownCategory(String, known: [String])
        case notAllowedInDefaults
        case badValue(String)
        /// The baselines directory does not exist or is not a directory.
        case noDirectory(String)
        /// The image has no baseline file of its own while one is required; says what required it.
        case missingBaseline(name: String, requiredBy: String)
        /// A warn limit above the fail limit it pairs with; names the other key and the file that set it.
        case warnAboveFail(warn: String, fail: String, otherKey: String, otherFile: String)
        /// A key only defaults.json may set.
        case onlyInDefaults
    }

    /// The file as the user would name it (`Baselines/finance.json`).
    public var file: String
    /// Dotted path of the offending key; empty for the whole document.
    public var keyPath: String
    public var problem: Problem

    public init(file: String, keyPath: String = "", problem: Problem) {
        self.file = file
        self.keyPath = keyPath
        self.problem = problem
    }

    public var description: String {
        let place = keyPath.isEmpty ? file : "\(file): \(keyPath)"
        return "\(place): \(message)"
    }

    /// The problem alone, without file and key.
    public var message: String {
        switch problem {
        case .unreadable(let why): return "cannot read: \(why)"
        case .syntax(let why): return "not valid JSON: \(why)"
        case .missingVersion: return "no \"schemaVersion\": the first key of a baseline is \"schemaVersion\": 1"
        case .unsupportedVersion(let version, let supported):
            return "unsupported version \(version) (this plimsoll reads version \(supported))"
        case .unknownKey(let known):
            return "unknown key (expected one of: \(known.joined(separator: ", ")))"
        case .missingKey: return "required key is missing"
        case .wrongType(let expected, let found): return "expected \(expected), found \(found)"
        case .badSize(let why): return why
        case .badPercent(let why): return why
        case .badPattern(let why): return why
        case .unknownCategory(let name, let known):
            return "unknown category '\(name)' (known: \(known.joined(separator: ", ")))"
        case .notAllowedInDefaults:
            return "not allowed in defaults.json: a recorded measurement belongs to one image's baseline"
        case .badValue(let why): return why
        case .noDirectory(let why): return "baselines directory \(why) (give --baselines DIR; `plimsoll baseline record` does not create it)"
        case .missingBaseline(let name, let requiredBy):
            return "no baseline for '\(name)', and \(requiredBy) requires one: write this file, or run `plimsoll baseline record IMAGE --name \(name)`"
        case .warnAboveFail(let warn, let fail, let otherKey, let otherFile):
            return "the warn limit \(warn) is above the fail limit \(fail) (the other is \(otherKey) in \(otherFile)): lower the warn limit or raise the fail limit"
        case .onlyInDefaults:
            return "only defaults.json may set this: it applies to every image of the repository"
        }
    }
}
