import Reporting
import SizeGate
import StableJSON

/// Writes `check`'s report files, each atomically: `NAME.json` and `NAME.md` per image,
/// `summary.json` and `summary.md` per run.
public struct ReportWriter: Sendable {
    /// `Reports` as the user gave it.
    public var directory: String
    public var phrases: GatePhrases

    public init(directory: String = "Reports", phrases: GatePhrases = GatePhrases()) {
        self.directory = directory
        self.phrases = phrases
    }

    /// `REPORTS/history`.
    public var historyDirectory: String { DisplayPath.join(directory, "history") }

    /// Writes one image's reports; returns their paths.
    @discardableResult
    public func write(_ report: GateReport) throws(AtomicFile.Failure) -> [String] {
        let json = DisplayPath.join(directory, "\(report.name).json")
        let markdown = DisplayPath.join(directory, "\(report.name).md")
        try AtomicFile.write(JSONWriter.pretty(CheckReportJSON.document(report)), to: json)
        try AtomicFile.write(CheckReportMarkdown(phrases: phrases).render(report), to: markdown)
        return [json, markdown]
    }

    /// Writes an image's HTML page as `NAME.html`; returns the path.
    public func writeHTML(_ page: String, name: String) throws(AtomicFile.Failure) -> String {
        let path = DisplayPath.join(directory, "\(name).html")
        try AtomicFile.write(page, to: path)
        return path
    }

    /// Writes the run's summary; returns the paths.
    @discardableResult
    public func write(_ summary: FleetSummary) throws(AtomicFile.Failure) -> [String] {
        let json = DisplayPath.join(directory, "summary.json")
        let markdown = DisplayPath.join(directory, "summary.md")
        try AtomicFile.write(JSONWriter.pretty(summary.json()), to: json)
        try AtomicFile.write(summaryMarkdown(summary), to: markdown)
        return [json, markdown]
    }

    /// The summary's Markdown followed by every image's report (GitHub's step summary uses it too).
    public func summaryMarkdown(_ summary: FleetSummary) -> String {
        var out = summary.markdown(phrases)
        for report in summary.reports {
            out += "\n" + CheckReportMarkdown(phrases: phrases).render(report, headingLevel: 3)
        }
        return out
    }
}
