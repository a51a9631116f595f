import StableJSON

/// A rules file that cannot be used. The description names the file and the problem on one line:
/// "rules.json: rules[2]: unknown key 'pathz'".
public struct RulesError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file as the user named it ("built-in rules" for the embedded defaults).
    public var source: String
    /// The problem, naming the place in the file and the offending value.
    public var message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    /// "<file>: <problem>".
    public var description: String { "\(source): \(message)" }
}

extension RulesError: StrictReadFailure {
    /// Rules files word the strict reader's problems as "rules[0].paths must be a list of strings,
    /// not a number" and "rules[0]: unknown key 'pathz' (expected one of: ...)"; a top-level key
    /// is quoted ("'rules' must be a list"), the document itself is "the document".
    public init(strict problem: StrictReadProblem, file: String, objectPath: String, key: String?) {
        let object = objectPath.isEmpty ? "the document" : objectPath
        switch problem {
        case .wrongType(let expected, let found):
            let place = key.map { objectPath.isEmpty ? "'\($0)'" : "\(objectPath).\($0)" } ?? object
            self.init(source: file, message: "\(place) must be \(expected), not \(found)")
        case .unknownKey(let name, let known):
            self.init(source: file, message: "\(object): unknown key '\(name)' (expected one of: \(known.joined(separator: ", ")))")
        case .missingKey(let name):
            self.init(source: file, message: objectPath.isEmpty ? "missing key '\(name)'" : "\(objectPath): missing key '\(name)'")
        }
    }
}
