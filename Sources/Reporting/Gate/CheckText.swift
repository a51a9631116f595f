import SizeGate

/// `check`'s terminal output for one image: the verdict line, every rule that tripped or was
/// skipped, and progress towards the target.
public struct CheckText: Sendable {
    public var phrases: GatePhrases

    public init(phrases: GatePhrases = GatePhrases()) {
        self.phrases = phrases
    }

    public func render(_ report: GateReport) -> String {
        let evaluation = report.evaluation
        let bytes = phrases.bytes
        var out = "\(phrases.verdictWord(evaluation.verdict))  \(report.name)  \(bytes.string(evaluation.measurement.gatedBytes))"
        out += "  (\(report.input); baseline: \(report.baselineDescription))\n"
        for result in evaluation.results where result.status != .pass || result.note != nil {
            out += "  \(result.status.rawValue.padding(7))\(phrases.reason(result))\n"
        }
        if let progress = evaluation.progress { out += "  \(phrases.progress(progress))\n" }
        return out
    }
}

extension String {
    /// Left-aligned in `width` columns.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
