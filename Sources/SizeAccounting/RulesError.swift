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
