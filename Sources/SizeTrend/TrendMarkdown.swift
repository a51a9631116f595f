import Charts
import Reporting
import SizeGate

/// `trend.md`: the fleet table, a sparkline per service, and per service its chart, its figures
/// and every build where it grew past a growth rule. Charts are embedded by relative path.
public struct TrendMarkdown: Sendable {
    public var bytes: ByteFormatter

    public init(bytes: ByteFormatter = ByteFormatter()) {
        self.bytes = bytes
    }

    public func render(_ trend: Trend, charts: TrendCharts) -> String {
        var out = "# Image size trend\n\n"
        guard let period = trend.period else {
            return out + "No measurements.\n" + notes(trend)
        }
        out += "\(Plural.count(trend.measurementCount, "measurement")) of \(Plural.count(trend.services.count, "service")), "
        out += "\(period.from.dateAndMinute) to \(period.to.dateAndMinute) UTC"
        if let since = trend.options.since { out += " (since \(since.date))" }
        out += ". Sizes are content bytes (the SIZE `docker images` showed), in "
        out += bytes.units == .decimal ? "decimal units (1 MB = 1,000,000 bytes).\n\n" : "binary units (1 MiB = 1,048,576 bytes).\n\n"

        out += "## Fleet\n\n"
        if let fleet = charts.fleet { out += "![\(fleet.title)](\(fleet.path))\n\n" }
        out += fleetTable(trend.fleet)
        out += "\n## At a glance\n\n" + glance(trend)

        out += "\n## Services\n"
        for service in trend.services {
            out += "\n" + section(service, charts: charts)
        }
        return out + notes(trend)
    }

    func fleetTable(_ fleet: FleetTrend) -> String {
        var table = TextTable(
            headers: ["service", "before", "after", "savings", "savings %", "target"],
            alignments: [.left, .right, .right, .right, .right, .right])
        for row in fleet.rows {
            table.add([
                row.name, bytes.string(row.beforeBytes), bytes.string(row.afterBytes), bytes.string(row.savingsBytes),
                percent(row.beforeBytes == 0 ? nil : Double(row.savingsBytes) / Double(row.beforeBytes) * 100),
                row.targetBytes.map(bytes.string) ?? "–",
            ])
        }
        table.add([
            "**total (\(Plural.count(fleet.rows.count, "service")))**", "**\(bytes.string(fleet.beforeBytes))**",
            "**\(bytes.string(fleet.afterBytes))**", "**\(bytes.string(fleet.savingsBytes))**",
            "**\(percent(fleet.savingsPercent))**", fleet.targetBytes.map(bytes.string) ?? "–",
        ])
        var note = ""
        if let before = fleet.deduplicatedBeforeBytes, let after = fleet.deduplicatedAfterBytes {
            note = " Shared layers counted once: layers that services share (same diff_id) counted once, "
                + "as a registry stores them and a node running every service pulls them."
            table.add([
                "shared layers counted once", bytes.string(before), bytes.string(after), bytes.string(before - after),
                percent(before == 0 ? nil : Double(before - after) / Double(before) * 100), "",
            ])
        }
        table.add([
            "average per service", bytes.string(fleet.averageBeforeBytes), bytes.string(fleet.averageAfterBytes),
            bytes.string(fleet.averageBeforeBytes - fleet.averageAfterBytes), "", "",
        ])
        return "Before is each service's first measurement in the period, after its latest; savings = before − after."
            + note + "\n\n"
            + table.markdown()
    }

    /// One line per service: name, sparkline, first and latest size. In a code block so that the
    /// columns line up in any Markdown view and the text reads the same in a terminal.
    public func glance(_ trend: Trend) -> String {
        "```text\n" + glanceLines(trend) + "```\n"
    }

    /// The sparkline lines alone, for a terminal.
    public func glanceLines(_ trend: Trend) -> String {
        let width = trend.services.map(\.name.count).max() ?? 0
        let sparkWidth = trend.services.map { $0.sparkline().count }.max() ?? 0
        return trend.services.map { service in
            let spark = service.sparkline()
            let name = service.name + String(repeating: " ", count: width - service.name.count)
            let pad = String(repeating: " ", count: sparkWidth - spark.count)
            return "\(name)  \(spark)\(pad)  \(bytes.string(service.first.contentBytes)) → \(bytes.string(service.latest.contentBytes))"
                + " (\(bytes.delta(service.changeBytes)))\n"
        }.joined()
    }

    func section(_ service: ServiceTrend, charts: TrendCharts) -> String {
        var out = "### \(service.name)\n\n"
        if let chart = charts.services[service.name] { out += "![\(chart.title)](\(chart.path))\n\n" }
        var table = TextTable(headers: ["", "when (UTC)", "size", "bytes", "image"], alignments: [.left, .left, .right, .right, .left])
        for (label, point) in [("first", service.first), ("latest", service.latest), ("min", service.minimum), ("max", service.maximum)] {
            table.add([
                label, point.recordedAt.dateAndMinute, bytes.string(point.contentBytes), groupedInteger(point.contentBytes),
                point.shortDigest.map { "`\($0)`" } ?? "",
            ])
        }
        table.add([
            "change", "", "\(bytes.delta(service.changeBytes)) (\(percent(service.changePercent, signed: true)))",
            groupedInteger(service.changeBytes), "",
        ])
        if let progress = service.progress {
            table.add([
                "target", "", bytes.string(progress.targetBytes), groupedInteger(progress.targetBytes),
                GatePhrases(bytes: bytes).progress(progress),
            ])
        }
        out += table.markdown()
        out += "\n" + limitsLine(service.limits) + " · \(Plural.count(service.points.count, "measurement"))\n"
        if let chart = charts.categories[service.name] { out += "\n![\(chart.title)](\(chart.path))\n" }
        if service.growthEvents.isEmpty {
            out += "\nNo build grew past a growth rule since the build before it.\n"
        } else {
            out += "\nBuilds that grew past a growth rule since the build before:\n\n"
            var events = TextTable(
                headers: ["when (UTC)", "image", "size", "growth", "rule"], alignments: [.left, .left, .right, .right, .left])
            for event in service.growthEvents {
                let point = event.measurement
                events.add([
                    point.recordedAt.dateAndMinute, point.shortDigest.map { "`\($0)`" } ?? "unknown",
                    bytes.string(point.contentBytes), bytes.delta(event.growthBytes),
                    "\(event.level.rawValue): \(event.result.rule) \(GatePhrases(bytes: bytes).quantity(event.result.limit))",
                ])
            }
            out += events.markdown()
        }
        return out
    }

    func limitsLine(_ limits: GateRules) -> String {
        func show(_ value: Int64?) -> String { value.map(bytes.string) ?? "none" }
        return "Limits at the latest measurement: warn \(show(limits.warnBytes)) · fail \(show(limits.failBytes))"
            + " · target \(show(limits.targetBytes))"
    }

    func notes(_ trend: Trend) -> String {
        var lines = trend.warnings
        lines += trend.skipped.map { "skipped unreadable record \($0.description)" }
        guard !lines.isEmpty else { return "" }
        return "\n## Notes\n\n" + lines.map { "- \($0)\n" }.joined()
    }

    /// "12.5%", "-3%", "–" for nil.
    func percent(_ value: Double?, signed: Bool = false) -> String {
        guard let value else { return "–" }
        let text = ByteFormatter.fixed(value, decimals: 1) + "%"
        return signed && value > 0 && text != "0%" ? "+" + text : text
    }
}
