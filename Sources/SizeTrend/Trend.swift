import Charts

/// What to put in a trend report.
public struct TrendOptions: Sendable, Equatable {
    /// Only these services; empty means every service in the history.
    public var services: [String]
    /// Only measurements recorded at or after this moment.
    public var since: UTCTimestamp?
    /// Services that get a stacked chart of their categories; nil means the largest service
    /// (by latest size) that has category data.
    public var categoryServices: [String]?

    public init(services: [String] = [], since: UTCTimestamp? = nil, categoryServices: [String]? = nil) {
        self.services = services
        self.since = since
        self.categoryServices = categoryServices
    }
}

/// The trend of every selected service and of the fleet: the data behind `trend.md`,
/// `trend.json` and the charts. Building it does no I/O.
public struct Trend: Sendable {
    /// Largest latest size first, then by name.
    public var services: [ServiceTrend]
    public var fleet: FleetTrend
    public var options: TrendOptions
    /// Records that could not be read and were left out (each is also a warning).
    public var skipped: [HistoryRecordError]
    /// Services that get a categories chart, in report order.
    public var categoryServices: [String]
    /// Things the reader should know: a requested service with no measurements, a categories
    /// chart asked for a service without category data.
    public var warnings: [String]

    public init(measurements: [MeasurementRecord], skipped: [HistoryRecordError] = [], options: TrendOptions = TrendOptions()) {
        self.options = options
        self.skipped = skipped.sorted { $0.file < $1.file }
        var warnings: [String] = []
        let wanted = Set(options.services)
        let selected = measurements.filter { measurement in
            (wanted.isEmpty || wanted.contains(measurement.name))
                && (options.since.map { measurement.recordedAt >= $0 } ?? true)
        }
        var byName: [String: [MeasurementRecord]] = [:]
        for measurement in selected { byName[measurement.name, default: []].append(measurement) }
        for name in options.services.sorted() where byName[name] == nil {
            warnings.append("no measurements of service '\(name)'" + (options.since.map { " since \($0.date)" } ?? ""))
        }
        services = byName.keys.sorted().compactMap { name in
            byName[name].map { ServiceTrend(name: name, points: $0) }
        }.sorted { ($0.latest.contentBytes, $1.name) > ($1.latest.contentBytes, $0.name) }
        fleet = FleetTrend(services: services)

        let withCategories = services.filter { $0.points.contains { !$0.categories.isEmpty } }.map(\.name)
        if let requested = options.categoryServices {
            var chosen: [String] = []
            for name in requested where !chosen.contains(name) {
                if withCategories.contains(name) {
                    chosen.append(name)
                } else {
                    warnings.append("no category data for service '\(name)': no categories chart")
                }
            }
            categoryServices = services.map(\.name).filter(chosen.contains)
        } else {
            categoryServices = withCategories.first.map { [$0] } ?? []
        }
        self.warnings = warnings
    }

    /// Every measurement in the report.
    public var measurementCount: Int { services.reduce(0) { $0 + $1.points.count } }

    /// The first and last measurement times.
    public var period: (from: UTCTimestamp, to: UTCTimestamp)? {
        let times = services.flatMap { $0.points.map(\.recordedAt) }
        guard let from = times.min(), let to = times.max() else { return nil }
        return (from, to)
    }
}
