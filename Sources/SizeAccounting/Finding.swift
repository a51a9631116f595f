/// Something the accountant saw that a person can act on: what it is, what it costs, what to do.
public struct Finding: Sendable, Equatable {
    /// How much a finding matters: `warning` asks for action, `info` is worth knowing.
    public enum Severity: String, Sendable, CaseIterable, Comparable {
        case error
        case warning
        case info

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// A stable identifier of the kind of finding ("dev-dependencies-shipped"); several findings
    /// may share one (one per cache, one per wasteful layer).
    public var id: String
    /// See `Severity`; the thresholds are in Docs/accounting.md.
    public var severity: Severity
    /// The bytes at stake: what acting on the finding could save (0 for configuration checks).
    public var bytes: Int64
    /// What was seen: names, counts and shares (sizes are in `bytes`).
    public var message: String
    /// The concrete next step.
    public var suggestion: String

    public init(id: String, severity: Severity, bytes: Int64, message: String, suggestion: String) {
        self.id = id
        self.severity = severity
        self.bytes = bytes
        self.message = message
        self.suggestion = suggestion
    }

    /// Report order: severity, then bytes (largest first), then id and message.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.bytes != rhs.bytes { return lhs.bytes > rhs.bytes }
        if lhs.id != rhs.id { return lhs.id < rhs.id }
        return lhs.message < rhs.message
    }
}
