import SizeAccounting
import SizeGate

extension FindingSummary {
    /// The accountant's finding as the gate and the HTML page report it.
    public init(_ finding: SizeAccounting.Finding) {
        self.init(
            id: finding.id, severity: finding.severity.rawValue, bytes: finding.bytes, message: finding.message,
            suggestion: finding.suggestion)
    }
}
