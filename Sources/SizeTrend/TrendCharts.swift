import Charts
import Reporting

/// The SVG charts of a trend report and the relative paths they are written to.
public struct TrendCharts: Sendable {
    /// One chart file.
    public struct Chart: Sendable, Equatable {
        /// Relative to the report directory: "charts/fleet.svg".
        public var path: String
        /// Alt text for the Markdown image.
        public var title: String
        public var svg: String
    }

    public var fleet: Chart?
    /// By service name.
    public var services: [String: Chart]
    public var categories: [String: Chart]

    /// Chart axes and labels always use decimal units (1 MB = 1,000,000 bytes) so that ticks fall
    /// on round numbers.
    public init(_ trend: Trend) {
        let bytes = ByteFormatter(units: .decimal)
        let label: @Sendable (Int64) -> String = { bytes.string($0) }
        let sortedNames = trend.services.map(\.name).sorted()
        let names = Dictionary(uniqueKeysWithValues: zip(sortedNames, FileNames.safe(sortedNames)))
        var services: [String: Chart] = [:]
        var categories: [String: Chart] = [:]
        for service in trend.services {
            let file = names[service.name] ?? service.name
            services[service.name] = Chart(
                path: "charts/service-\(file).svg", title: "\(service.name): content size over time",
                svg: Self.serviceChart(service, label: label))
            if trend.categoryServices.contains(service.name) {
                categories[service.name] = Chart(
                    path: "charts/categories-\(file).svg", title: "\(service.name): size by category over time",
                    svg: Self.categoryChart(service, label: label))
            }
        }
        self.services = services
        self.categories = categories
        fleet = trend.services.isEmpty ? nil : Chart(
            path: "charts/fleet.svg", title: "Fleet total content size over time",
            svg: Self.fleetChart(trend.fleet, serviceCount: trend.services.count, label: label))
    }

    /// Every chart, in a fixed order: fleet, then per service in report order, each service's
    /// size chart before its categories chart.
    public func all(in trend: Trend) -> [Chart] {
        var charts: [Chart] = fleet.map { [$0] } ?? []
        for service in trend.services {
            if let chart = services[service.name] { charts.append(chart) }
            if let chart = categories[service.name] { charts.append(chart) }
        }
        return charts
    }

    static func serviceChart(_ service: ServiceTrend, label: @escaping @Sendable (Int64) -> String) -> String {
        var thresholds: [LineChart.Threshold] = []
        if let fail = service.limits.failBytes { thresholds.append(.init(name: "fail", value: fail, color: ChartStyle.failColor)) }
        if let warn = service.limits.warnBytes { thresholds.append(.init(name: "warn", value: warn, color: ChartStyle.warnColor)) }
        if let target = service.limits.targetBytes {
            thresholds.append(.init(name: "target", value: target, color: ChartStyle.targetColor))
        }
        let points = service.points.map { point in
            LineChart.Point(time: point.recordedAt, value: point.contentBytes, note: point.shortDigest.map { "image \($0)" })
        }
        let chart = LineChart(
            title: service.name,
            subtitle: "content size (decimal units, 1 MB = 1,000,000 bytes), \(Plural.count(service.points.count, "measurement")), UTC dates",
            series: [.init(name: "content size", points: points)], thresholds: thresholds, valueLabel: label)
        return chart.svg()
    }

    /// The fleet's total, and with two or more services also its total with shared layers once.
    static func fleetChart(_ fleet: FleetTrend, serviceCount: Int, label: @escaping @Sendable (Int64) -> String) -> String {
        let shared = !fleet.deduplicatedOverTime.isEmpty
        var thresholds: [LineChart.Threshold] = []
        if let target = fleet.targetBytes {
            thresholds.append(.init(name: "targets", value: target, color: ChartStyle.targetColor, note: "(sum of services)"))
        }
        let chart = LineChart(
            title: "Fleet total: \(serviceCount) services",
            subtitle: shared
                ? "content sizes (decimal units), plain and with shared layers once; each service counts with its latest measurement"
                : "sum of content sizes (decimal units); each service counts with its latest measurement",
            series: [.init(name: shared ? "plain sum" : "fleet total", points: fleet.totalOverTime.map { .init(time: $0.time, value: $0.bytes) })]
                + (!shared
                    ? []
                    : [
                        .init(
                            name: "shared layers counted once", color: ChartStyle.secondSeriesColor,
                            points: fleet.deduplicatedOverTime.map { .init(time: $0.time, value: $0.bytes) })
                    ]),
            thresholds: thresholds, valueLabel: label)
        return chart.svg()
    }

    static func categoryChart(_ service: ServiceTrend, label: @escaping @Sendable (Int64) -> String) -> String {
        let names = service.categoryNames
        let bands = names.enumerated().map { position, name in
            StackedAreaChart.Band(
                name: name, color: CategoryPalette.color(name, position: position),
                values: service.points.map { point in point.categories.first { $0.category.rawValue == name }?.bytes ?? 0 })
        }
        let chart = StackedAreaChart(
            title: "\(service.name): where the bytes are",
            subtitle: "content size by category (decimal units), bottom band first; legend shows the latest values",
            times: service.points.map(\.recordedAt), bands: bands, valueLabel: label)
        return chart.svg()
    }
}
