import ImageModel
import SizeGate

/// `Reports/NAME.md`, written to be pasted into a pull request: the verdict first, then the rules,
/// then what changed since the recorded measurement, then the findings. No colours, no paths of
/// this machine.
public struct CheckReportMarkdown: Sendable {
    public var phrases: GatePhrases
    /// How many rows each "what changed" table shows.
    public var rows: Int

    public init(phrases: GatePhrases = GatePhrases(), rows: Int = 10) {
        self.phrases = phrases
        self.rows = rows
    }

    var bytes: ByteFormatter { phrases.bytes }

    /// The verdict's emoji (Markdown only: the terminal gets words).
    public static func mark(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: return "✅"
        case .warn: return "⚠️"
        case .fail: return "❌"
        }
    }

    /// The report of one image; `headingLevel` 3 nests it under a summary.
    public func render(_ report: GateReport, headingLevel: Int = 2) -> String {
        let evaluation = report.evaluation
        let measurement = evaluation.measurement
        let hashes = String(repeating: "#", count: headingLevel)
        var out = "\(hashes) \(Self.mark(evaluation.verdict)) `\(report.name)`: \(phrases.verdictWord(evaluation.verdict))\n\n"
        var facts = ["**\(bytes.string(measurement.gatedBytes))**"]
        if measurement.ignoredBytes > 0 { facts.append("\(bytes.string(measurement.ignoredBytes)) ignored") }
        if let growth = evaluation.growthBytes { facts.append("\(bytes.delta(growth)) since the recorded measurement") }
        if let progress = evaluation.progress { facts.append(phrases.progress(progress)) }
        out += facts.joined(separator: " · ") + "\n\n"
        let reasons = evaluation.reasons
        if !reasons.isEmpty {
            out += reasons.map { "- **\($0.status.rawValue)**: \(phrases.reason($0))\n" }.joined() + "\n"
        }
        out += "Input `\(report.input)` · baseline: \(report.baselineDescription)\n\n"
        out += "\(hashes)# Rules\n\n" + rulesTable(evaluation.results) + "\n"
        out += "\(hashes)# What changed\n\n" + changes(report)
        out += "\(hashes)# Findings\n\n" + findings(report)
        out += savingsPlan(report, hashes: hashes)
        return out
    }

    func rulesTable(_ results: [RuleResult]) -> String {
        guard !results.isEmpty else { return "No rules apply.\n" }
        var table = TextTable(
            headers: ["rule", "status", "measured", "limit", "set by", "note"],
            alignments: [.left, .left, .right, .right, .left, .left])
        for result in results {
            table.add([
                "`\(result.rule)`", result.status.rawValue, phrases.measured(result), phrases.quantity(result.limit),
                result.setBy ?? "", result.note ?? "",
            ])
        }
        return table.markdown()
    }

    func changes(_ report: GateReport) -> String {
        guard let diff = report.changes else {
            return "No recorded measurement to compare with: run `plimsoll baseline record` to record one.\n\n"
        }
        var out = "Against the measurement recorded at \(diff.old.recordedAt.rfc3339)"
        if let digest = diff.old.imageDigest { out += " (`\(ImageDigest.display(digest))`)" }
        out += ".\n\n"
        out += DiffMarkdown(bytes: bytes, rows: rows).sections(diff, headingLevel: 4)
        return out
    }

    func findings(_ report: GateReport) -> String {
        let measurement = report.evaluation.measurement
        var out = ""
        for finding in report.findings {
            out += "- **\(finding.severity.rawValue)** \(finding.message)"
            if finding.bytes > 0 { out += " (\(bytes.string(finding.bytes)))" }
            out += finding.suggestion.isEmpty ? "\n" : "\n  Next step: \(finding.suggestion)\n"
        }
        out += "- Content \(bytes.string(measurement.contentBytes)), final \(bytes.string(measurement.finalBytes)), "
        out += "wasted \(bytes.string(measurement.wastedBytes)) (copies that later layers overwrite or delete)"
        if let compressed = measurement.compressedBytes {
            out += ", compressed \(bytes.string(compressed)) (\(measurement.compressedBytesSource.rawValue))"
        }
        out += ".\n"
        if let largest = measurement.layers.max(by: { ($0.contentBytes, $1.index) < ($1.contentBytes, $0.index) }),
            largest.contentBytes > 0
        {
            let step = HistoryStep.short(largest.createdBy).truncated(to: 80)
            out += "- Largest layer: #\(largest.index), \(bytes.string(largest.contentBytes))"
            out += step.isEmpty ? ".\n" : ", `\(step.replacingAll("`", with: "'"))`.\n"
        }
        for file in report.largestWasted.prefix(5) {
            out += "- Wasted: `\(file.path)`, \(bytes.string(file.sizeBytes)) in layer \(file.layer), "
            out += "\(file.reason.rawValue) by layer \(file.supersededBy).\n"
        }
        if !measurement.packages.isEmpty {
            let top = measurement.packages.prefix(5).map { "\($0.name)@\($0.version ?? "?") \(bytes.string($0.sizeBytes))" }
            out += "- Largest packages: \(top.joined(separator: ", ")).\n"
        }
        for note in report.notes { out += "- Note: \(note)\n" }
        return out
    }
}
