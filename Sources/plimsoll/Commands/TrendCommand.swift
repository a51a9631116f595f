import ArgumentParser
import Charts
import PlimsollKit
import Reporting
import SizeTrend

/// `plimsoll trend [HISTORY_DIR]`: sizes over time from the gate's history, as Markdown, JSON and
/// SVG charts.
struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Chart every service's size over time from the gate's measurement history.",
        discussion: """
            Reads HISTORY_DIR/NAME/*.json (written by `plimsoll check`) and writes trend.md, trend.json and
            charts/*.svg into --out. Unreadable records are skipped with a warning and listed in the report.
            Prints one sparkline per service. Exit 2 when the history cannot be read or holds no matching
            measurement.
            """
    )

    @Argument(help: "The history directory.")
    var history = "Reports/history"

    @Option(name: .customLong("service"), help: "Only this service (repeat for several).")
    var services: [String] = []

    @Option(help: "Only measurements recorded on or after this day (YYYY-MM-DD) or moment (RFC 3339, UTC).")
    var since: String?

    @Option(help: "Where to write trend.md, trend.json and charts/.")
    var out = "Reports"

    @Option(name: .customLong("categories"), help: "Draw the categories chart of this service (repeat for several; default: the largest).")
    var categoryServices: [String] = []

    @OptionGroup var units: UnitOptions

    func validate() throws {
        if let since, UTCTimestamp(parsing: since) == nil {
            throw ValidationError("--since must be a date (2024-05-01) or an RFC 3339 time (2024-05-01T12:00:00Z), not '\(since)'")
        }
    }

    func run() throws {
        let options = TrendOptions(
            services: services, since: since.flatMap(UTCTimestamp.init(parsing:)),
            categoryServices: categoryServices.isEmpty ? nil : categoryServices)
        let report = TrendReport(
            historyDirectory: history, outputDirectory: out, options: options,
            bytes: ByteFormatter(units: units.binary ? .binary : .decimal))
        let outcome = try inputStep { try report.run() }
        for skipped in outcome.trend.skipped { Diagnostics.warning("skipped unreadable record \(history)/\(skipped.description)") }
        for warning in outcome.trend.warnings { Diagnostics.warning(warning) }
        print(outcome.glance, terminator: "")
        print("wrote \(Plural.count(outcome.files.count, "file")) to \(out)/: trend.md, trend.json, charts/ (\(outcome.files.count - 2) SVG)")
    }
}
