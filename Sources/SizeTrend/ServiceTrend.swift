import Charts
import Reporting
import SizeGate

/// One service's measurements over the period and the figures its table shows. Sizes are content
/// bytes (what `docker images` reported as SIZE), the figure the team's budgets are written in.
public struct ServiceTrend: Sendable {
    /// A build that grew past one of the gate's growth rules since the service's previous
    /// measurement, judged by the gate's evaluator with the rules recorded with that build.
    public struct GrowthEvent: Sendable, Equatable {
        public var measurement: MeasurementRecord
        /// The previous measurement's content bytes.
        public var previousBytes: Int64
        public var level: Verdict
        /// The highest rule that tripped, as the gate evaluated it.
        public var result: RuleResult
        /// Change since the previous measurement.
        public var growthBytes: Int64 { measurement.contentBytes - previousBytes }
    }

    public var name: String
    /// Every measurement in the period, oldest first.
    public var points: [MeasurementRecord]
    public var growthEvents: [GrowthEvent]

    /// Builds the trend of one service; `points` must be non-empty and of one service.
    public init(name: String, points: [MeasurementRecord]) {
        self.name = name
        self.points = points.sorted(by: MeasurementRecord.chronological)
        var events: [GrowthEvent] = []
        for (previous, point) in zip(self.points, self.points.dropFirst()) {
            let results = GateEvaluator.growthResults(from: previous.contentBytes, to: point.contentBytes, rules: point.rules)
            let tripped = results.filter(\.tripped).sorted { $0.severity == .fail && $1.severity != .fail }
            if let highest = tripped.first {
                events.append(
                    GrowthEvent(measurement: point, previousBytes: previous.contentBytes, level: highest.severity.verdict, result: highest))
            }
        }
        growthEvents = events
    }

    public var first: MeasurementRecord { points[0] }
    public var latest: MeasurementRecord { points[points.count - 1] }
    /// The smallest measurement (the earliest of equals).
    public var minimum: MeasurementRecord {
        points.reduce(points[0]) { $1.contentBytes < $0.contentBytes ? $1 : $0 }
    }
    /// The largest measurement (the earliest of equals).
    public var maximum: MeasurementRecord {
        points.reduce(points[0]) { $1.contentBytes > $0.contentBytes ? $1 : $0 }
    }
    /// Latest minus first: negative when the image shrank.
    public var changeBytes: Int64 { latest.contentBytes - first.contentBytes }
    /// The change as a percentage of the first measurement; nil when that was 0 bytes.
    public var changePercent: Double? {
        first.contentBytes == 0 ? nil : Double(changeBytes) / Double(first.contentBytes) * 100
    }
    /// The limits in force at the latest measurement.
    public var limits: GateRules { latest.rules }

    /// Progress towards the latest target, exactly as `check` reported it for the latest build.
    public var progress: TargetProgress? { latest.progress }

    /// Category names in the accountant's order, then any others by name.
    public var categoryNames: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for point in points {
            for total in point.categories where seen.insert(total.category.rawValue).inserted { names.append(total.category.rawValue) }
        }
        return names.sorted { lhs, rhs in
            let left = CategoryPalette.rank(lhs)
            let right = CategoryPalette.rank(rhs)
            return left != right ? left < right : lhs < rhs
        }
    }

    /// The sparkline of the content size, oldest to latest.
    public func sparkline(width: Int = 40) -> String {
        Sparkline.render(points.map(\.contentBytes), width: width)
    }
}
