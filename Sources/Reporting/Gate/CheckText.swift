import SizeGate

/// `check`'s terminal output for one image: the verdict line, every rule that tripped or was
/// skipped, and progress towards the target.
public struct CheckText: Sendable {
    public var phrases: GatePhrases

    public init(phrases: GatePhrases = GatePhrases()) {
        self.phrases = phrases
    }

    /// Everything `check` prints: each image, then the skipped rules several images share (once
    /// for the fleet, not once per image), then the fleet table and totals.
    public func render(_ summary: FleetSummary) -> String {
        let skips = summary.reports.map(skipped)
        let shared = Set(skips.flatMap { $0 }.filter { line in skips.filter { $0.contains(line) }.count > 1 })
        var out = ""
        for (report, lines) in zip(summary.reports, skips) {
            out += render(report, skipped: lines.filter { !shared.contains($0) }) + "\n"
        }
        let sharedLines = skips.flatMap { $0 }.reduce(into: [String]()) { if shared.contains($1), !$0.contains($1) { $0.append($1) } }
        for line in sharedLines {
            let names = zip(summary.reports, skips).filter { $0.1.contains(line) }.map(\.0.name)
            out += "\("skipped".padding(7))\(line) (\(Plural.count(names.count, "image")): \(names.joined(separator: ", ")))\n"
        }
        if !sharedLines.isEmpty { out += "\n" }
        return out + summary.text(phrases)
    }

    /// The lines `check` prints for one image.
    public func render(_ report: GateReport) -> String {
        render(report, skipped: skipped(report))
    }

    func render(_ report: GateReport, skipped: [String]) -> String {
        let evaluation = report.evaluation
        let bytes = phrases.bytes
        var out = "\(phrases.verdictWord(evaluation.verdict))  \(report.name)  \(bytes.string(evaluation.measurement.gatedBytes))"
        out += "  (\(report.input); baseline: \(report.baselineDescription))\n"
        for result in evaluation.results where result.status != .pass && result.status != .skipped {
            out += "  \(result.status.rawValue.padding(7))\(phrases.reason(result))\n"
        }
        for line in skipped { out += "  \("skipped".padding(7))\(line)\n" }
        if let progress = evaluation.progress { out += "  \(phrases.progress(progress))\n" }
        return out
    }

    /// "growth.warn.bytes, growth.fail.bytes: no recorded measurement ..." per distinct reason:
    /// skipped rules share a few reasons, and one line per reason keeps the output short.
    func skipped(_ report: GateReport) -> [String] {
        let results = report.evaluation.results
        var notes: [String] = []
        for result in results where result.status == .skipped {
            let note = result.note ?? "not applicable"
            if !notes.contains(note) { notes.append(note) }
        }
        return notes.map { note in
            let rules = results.filter { $0.status == .skipped && ($0.note ?? "not applicable") == note }.map(\.rule)
            return "\(rules.joined(separator: ", ")): \(note)"
        }
    }
}

extension String {
    /// Left-aligned in `width` columns.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
