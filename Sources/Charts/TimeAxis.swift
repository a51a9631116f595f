/// The horizontal axis of a chart over time: the span of the measurements and ticks at whole
/// days (or whole hours for a span under two days), labelled in UTC.
public struct TimeAxis: Sendable, Equatable {
    public var start: UTCTimestamp
    public var end: UTCTimestamp
    /// Tick positions with their labels.
    public var ticks: [(time: UTCTimestamp, label: String)]

    public static func == (lhs: TimeAxis, rhs: TimeAxis) -> Bool {
        lhs.start == rhs.start && lhs.end == rhs.end && lhs.ticks.map(\.time) == rhs.ticks.map(\.time)
            && lhs.ticks.map(\.label) == rhs.ticks.map(\.label)
    }

    /// An axis over `times` with at most `maxTicks` ticks. A single moment gets a day either side.
    public init(times: [UTCTimestamp], maxTicks: Int = 7) {
        var first = times.min() ?? UTCTimestamp(seconds: 0)
        var last = times.max() ?? first
        if first == last {
            first.seconds -= 86_400
            last.seconds += 86_400
        }
        start = first
        end = last
        let span = last.seconds - first.seconds
        let hour: Int64 = 3_600
        let day: Int64 = 86_400
        let steps: [Int64] =
            [1, 2, 3, 6, 12].map { $0 * hour } + [1, 2, 7, 14, 28, 56, 91, 182, 364, 728].map { $0 * day }
        let step = steps.first { span / $0 < Int64(max(maxTicks, 2)) } ?? steps[steps.count - 1]
        let useHours = step < day
        // Hour ticks sit on multiples of the step from midnight (02:00, 04:00, ...); day ticks
        // start at the first midnight in the span, so the first label is near the left edge.
        let origin = first.startOfDay.seconds
        var tick = useHours
            ? origin + ((first.seconds - origin + step - 1) / step) * step
            : (origin == first.seconds ? origin : origin + day)
        var ticks: [(UTCTimestamp, String)] = []
        while tick <= last.seconds {
            let time = UTCTimestamp(seconds: tick)
            ticks.append((time, useHours ? String(time.dateAndMinute.dropFirst(5)) : time.date))
            tick += step
        }
        self.ticks = ticks
    }

    /// The x coordinate of `time` in `area`.
    func x(_ time: UTCTimestamp, in area: PlotArea) -> Double {
        let span = Double(end.seconds - start.seconds)
        return area.left + Double(time.seconds - start.seconds) / span * area.width
    }
}
