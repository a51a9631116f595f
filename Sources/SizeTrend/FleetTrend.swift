import Charts
import ImageModel
import SizeGate

/// The whole fleet over the period: each service's size at the start and at the end, and the
/// fleet total over time.
public struct FleetTrend: Sendable {
    /// One service's row of the fleet table.
    public struct Row: Sendable, Equatable {
        public var name: String
        public var beforeBytes: Int64
        public var afterBytes: Int64
        public var targetBytes: Int64?
        /// Positive when the service shrank.
        public var savingsBytes: Int64 { beforeBytes - afterBytes }
    }

    /// Largest latest size first, then by name.
    public var rows: [Row]
    /// The fleet total at every measurement time: each service counts with its latest
    /// measurement at or before that time; a service not yet measured counts with its first
    /// measurement, so that a late first record does not show as a jump.
    public var totalOverTime: [(time: UTCTimestamp, bytes: Int64)]
    /// The same moments with the layers services share (by `diff_id`) counted once: what a
    /// registry stores and a node running every service pulls, in content bytes. Records that list
    /// no layers count whole, as if they shared nothing. Empty for a fleet of fewer than two
    /// services, where there is nothing to share.
    public var deduplicatedOverTime: [(time: UTCTimestamp, bytes: Int64)]

    public init(services: [ServiceTrend]) {
        rows = services.map {
            Row(name: $0.name, beforeBytes: $0.first.contentBytes, afterBytes: $0.latest.contentBytes, targetBytes: $0.limits.targetBytes)
        }.sorted { ($0.afterBytes, $1.name) > ($1.afterBytes, $0.name) }

        let times = Set(services.flatMap { $0.points.map(\.recordedAt) }).sorted()
        var current = services.map(\.first)
        var next = [Int](repeating: 0, count: services.count)
        var totals: [(time: UTCTimestamp, bytes: Int64)] = []
        var deduplicated: [(time: UTCTimestamp, bytes: Int64)] = []
        for time in times {
            for (index, service) in services.enumerated() {
                while next[index] < service.points.count, service.points[next[index]].recordedAt <= time {
                    current[index] = service.points[next[index]]
                    next[index] += 1
                }
            }
            totals.append((time, current.reduce(0) { $0 + $1.contentBytes }))
            if services.count > 1 {
                let sharing = LayerSharing(measurements: current.map(\.record.measurement))
                deduplicated.append((time, sharing.deduplicatedContentBytes))
            }
        }
        totalOverTime = totals
        deduplicatedOverTime = deduplicated
    }

    /// The deduplicated total at the first and at the latest moment; nil for fewer than two services.
    public var deduplicatedBeforeBytes: Int64? { deduplicatedOverTime.first?.bytes }
    public var deduplicatedAfterBytes: Int64? { deduplicatedOverTime.last?.bytes }

    public var beforeBytes: Int64 { rows.reduce(0) { $0 + $1.beforeBytes } }
    public var afterBytes: Int64 { rows.reduce(0) { $0 + $1.afterBytes } }
    public var savingsBytes: Int64 { beforeBytes - afterBytes }
    /// Savings as a share of the size before, in percent; nil for an empty fleet.
    public var savingsPercent: Double? { beforeBytes == 0 ? nil : Double(savingsBytes) / Double(beforeBytes) * 100 }
    /// Average size per service at the end of the period (integer division).
    public var averageAfterBytes: Int64 { rows.isEmpty ? 0 : afterBytes / Int64(rows.count) }
    public var averageBeforeBytes: Int64 { rows.isEmpty ? 0 : beforeBytes / Int64(rows.count) }
    /// The sum of the targets when every service has one.
    public var targetBytes: Int64? {
        var total: Int64 = 0
        for row in rows {
            guard let target = row.targetBytes else { return nil }
            total += target
        }
        return rows.isEmpty ? nil : total
    }
}
