import SizeGate

/// `check`'s terminal output for one image: the verdict line, every rule that tripped or was
/// skipped, and progress towards the target.
public struct CheckText: Sendable {
    public var phrases: GatePhrases

    public init(phrases: GatePhrases = GatePhrases()) {
        self.phrases = phrases
    }

    /// The lines `check` prints for one image.
    public func render(_ report: GateReport) -> String {
        let evaluation = report.evaluation
        let bytes = phrases.bytes
        var out = "\(phrases.verdictWord(evaluation.verdict))  \(report.name)  \(bytes.string(evaluation.measurement.gatedBytes))"
        out += "  (\(report.input); baseline: \(report.baselineDescription))\n"
        for result in evaluation.results where result.status != .pass && result.status != .skipped {
            out += "  \(result.status.rawValue.padding(7))\(phrases.reason(result))\n"
        }
        // Skipped rules share a few reasons; one line per reason keeps the output short.
        var notes: [String] = []
        for result in evaluation.results where result.status == .skipped {
            let note = result.note ?? "not applicable"
            if !notes.contains(note) { notes.append(note) }
        }
        for note in notes {
            let rules = evaluation.results.filter { $0.status == .skipped && ($0.note ?? "not applicable") == note }.map(\.rule)
            out += "  \("skipped".padding(7))\(rules.joined(separator: ", ")): \(note)\n"
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
