import Charts
import SizeGate
import StableJSON

/// `trend.json`: the same figures as `trend.md`, for dashboards. Integer bytes, UTC times, keys
/// in a fixed order.
public enum TrendJSON {
    public static let kind = "plimsoll-trend"
    /// 2: `progress` is the gate's progress object (`remainingBytes`, `fractionOfTheWay`,
    /// `percentOfTheWay`, from the start the gate used) instead of `toGoBytes`/`percentOfTheWay`
    /// counted from the first measurement; growth events name their `rule` by key path and `limit`.
    public static let schemaVersion: Int64 = 2

    public static func document(_ trend: Trend, charts: TrendCharts) -> JSONValue {
        .object([
            JSONMember("schemaVersion", .int(schemaVersion)),
            JSONMember("kind", .string(kind)),
            JSONMember("from", .string(trend.period?.from.rfc3339)),
            JSONMember("to", .string(trend.period?.to.rfc3339)),
            JSONMember("since", .string(trend.options.since?.rfc3339)),
            JSONMember("measurementCount", .int(trend.measurementCount)),
            JSONMember("fleet", fleet(trend.fleet, chart: charts.fleet?.path)),
            JSONMember("services", .array(trend.services.map { service(
                $0, chart: charts.services[$0.name]?.path, categoriesChart: charts.categories[$0.name]?.path) })),
            JSONMember("warnings", .strings(trend.warnings)),
            JSONMember("skipped", .array(trend.skipped.map { ["file": .string($0.file), "problem": .string($0.message)] })),
        ])
    }

    static func fleet(_ fleet: FleetTrend, chart: String?) -> JSONValue {
        .object([
            JSONMember("serviceCount", .int(fleet.rows.count)),
            JSONMember("beforeBytes", .int(fleet.beforeBytes)),
            JSONMember("afterBytes", .int(fleet.afterBytes)),
            JSONMember("savingsBytes", .int(fleet.savingsBytes)),
            JSONMember("averageBeforeBytes", .int(fleet.averageBeforeBytes)),
            JSONMember("averageAfterBytes", .int(fleet.averageAfterBytes)),
            JSONMember("targetBytes", .int(fleet.targetBytes)),
            JSONMember("deduplicatedBeforeBytes", .int(fleet.deduplicatedBeforeBytes)),
            JSONMember("deduplicatedAfterBytes", .int(fleet.deduplicatedAfterBytes)),
            JSONMember("chart", .string(chart)),
            JSONMember("services", .array(fleet.rows.map { row in
                .object([
                    JSONMember("name", .string(row.name)),
                    JSONMember("beforeBytes", .int(row.beforeBytes)),
                    JSONMember("afterBytes", .int(row.afterBytes)),
                    JSONMember("savingsBytes", .int(row.savingsBytes)),
                    JSONMember("targetBytes", .int(row.targetBytes)),
                ])
            })),
            JSONMember("totals", .array(fleet.totalOverTime.map { ["recordedAt": .string($0.time.rfc3339), "bytes": .int($0.bytes)] })),
            JSONMember(
                "deduplicatedTotals",
                .array(fleet.deduplicatedOverTime.map { ["recordedAt": .string($0.time.rfc3339), "bytes": .int($0.bytes)] })),
        ])
    }

    static func service(_ service: ServiceTrend, chart: String?, categoriesChart: String?) -> JSONValue {
        let progress: JSONValue = service.progress?.json ?? .null
        return .object([
            JSONMember("name", .string(service.name)),
            JSONMember("measurementCount", .int(service.points.count)),
            JSONMember("first", point(service.first)),
            JSONMember("latest", point(service.latest)),
            JSONMember("min", point(service.minimum)),
            JSONMember("max", point(service.maximum)),
            JSONMember("changeBytes", .int(service.changeBytes)),
            JSONMember("changePercent", service.changePercent.map { .double(rounded($0)) } ?? .null),
            JSONMember("limits", .object([
                JSONMember("warnBytes", .int(service.limits.warnBytes)),
                JSONMember("failBytes", .int(service.limits.failBytes)),
                JSONMember("targetBytes", .int(service.limits.targetBytes)),
            ])),
            JSONMember("progress", progress),
            JSONMember("sparkline", .string(service.sparkline())),
            JSONMember("chart", .string(chart)),
            JSONMember("categoriesChart", .string(categoriesChart)),
            JSONMember("growthEvents", .array(service.growthEvents.map { event in
                .object([
                    JSONMember("recordedAt", .string(event.measurement.recordedAt.rfc3339)),
                    JSONMember("imageDigest", .string(event.measurement.imageDigest)),
                    JSONMember("contentBytes", .int(event.measurement.contentBytes)),
                    JSONMember("previousBytes", .int(event.previousBytes)),
                    JSONMember("growthBytes", .int(event.growthBytes)),
                    JSONMember("level", .string(event.level.rawValue)),
                    JSONMember("rule", .string(event.result.rule)),
                    JSONMember("limit", quantity(event.result.limit)),
                ])
            })),
            JSONMember("points", .array(service.points.map(point))),
        ])
    }

    static func point(_ measurement: MeasurementRecord) -> JSONValue {
        .object([
            JSONMember("recordedAt", .string(measurement.recordedAt.rfc3339)),
            JSONMember("imageDigest", .string(measurement.imageDigest)),
            JSONMember("contentBytes", .int(measurement.contentBytes)),
            JSONMember("verdict", .string(measurement.verdict.rawValue)),
        ])
    }

    static func quantity(_ value: Quantity) -> JSONValue {
        switch value {
        case .bytes(let bytes): return ["bytes": .int(bytes)]
        case .percent(let percent): return ["percent": .double(percent)]
        }
    }

    /// One decimal, so that the document does not carry float noise.
    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
