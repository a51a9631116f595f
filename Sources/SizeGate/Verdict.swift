import SizeAccounting

/// The gate's answer for one image. Ordered: pass < warn < fail.
public enum Verdict: String, Sendable, Comparable, CaseIterable {
    case pass
    case warn
    case fail

    private var rank: Int {
        switch self {
        case .pass: return 0
        case .warn: return 1
        case .fail: return 2
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
}

/// What a rule does when it trips.
public enum Severity: String, Sendable {
    case warn
    case fail

    public var verdict: Verdict { self == .warn ? .warn : .fail }
}

/// The outcome of one rule.
public enum RuleStatus: String, Sendable {
    case pass
    case warn
    case fail
    /// Configured but not applicable (the value is unknown, nothing was recorded, ...): see the note.
    case skipped
}

/// A measured value or a limit: bytes, or a percentage.
public enum Quantity: Sendable, Equatable {
    case bytes(Int64)
    case percent(Double)
}

/// What a rule measures.
public enum RuleKind: Sendable, Equatable {
    /// The gated size (content less ignored bytes) against `limits.warn` / `limits.fail`.
    case size
    /// The compressed size against `compressed.warn` / `compressed.fail`.
    case compressedSize
    /// Growth of the gated size since the recorded measurement, in bytes.
    case growthBytes
    /// Growth of the gated size since the recorded measurement, in percent of the recorded size.
    case growthPercent
    /// One category's bytes against its budget.
    case category(SizeCategory)

    /// The key path of the rule's limit at `severity` in a baseline file (`limits.warn`,
    /// `growth.fail.percent`, `categories.dev-dependencies.fail`): the rule's name everywhere.
    public func keyPath(_ severity: Severity) -> String {
        switch self {
        case .size: return "limits.\(severity.rawValue)"
        case .compressedSize: return "compressed.\(severity.rawValue)"
        case .growthBytes: return "growth.\(severity.rawValue).bytes"
        case .growthPercent: return "growth.\(severity.rawValue).percent"
        case .category(let category): return "categories.\(category.rawValue).\(severity.rawValue)"
        }
    }
}

/// One rule's evaluation: the rule, the value measured, the limit, and the outcome.
public struct RuleResult: Sendable, Equatable {
    public var kind: RuleKind
    public var severity: Severity
    public var status: RuleStatus
    /// Nil when the rule was skipped because the value is unknown.
    public var measured: Quantity?
    public var limit: Quantity
    /// The baseline file that set the limit ("defaults.json", "finance.json", "built-in defaults").
    public var setBy: String?
    /// Why a rule was skipped, or what else a reader needs to know.
    public var note: String?

    public init(
        kind: RuleKind, severity: Severity, status: RuleStatus, measured: Quantity?, limit: Quantity,
        setBy: String?, note: String? = nil
    ) {
        self.kind = kind
        self.severity = severity
        self.status = status
        self.measured = measured
        self.limit = limit
        self.setBy = setBy
        self.note = note
    }

    /// The rule's name: the key path of its limit in a baseline file.
    public var rule: String { kind.keyPath(severity) }

    /// True when the rule tripped.
    public var tripped: Bool { status == .warn || status == .fail }
}
