/// The vertical axis of a size chart: from 0 to a round maximum, with ticks at round byte counts
/// (1, 2, 2.5 or 5 times a power of ten), so that decimal labels read "500 MB", "1 GB", "1.5 GB".
public struct ValueAxis: Sendable, Equatable {
    /// The top of the axis, at least the largest value shown.
    public var maximum: Int64
    /// Tick values, from 0 up to `maximum`.
    public var ticks: [Int64]

    /// An axis that shows values up to `largest`, with about `count` intervals.
    public init(largest: Int64, count: Int = 5) {
        let top = max(largest, 1)
        let raw = Double(top) / Double(max(count, 1))
        var magnitude: Double = 1
        while magnitude * 10 <= raw { magnitude *= 10 }
        var step = magnitude
        for factor in [1.0, 2.0, 2.5, 5.0, 10.0] where factor * magnitude >= raw {
            step = factor * magnitude
            break
        }
        let stepBytes = max(Int64(step.rounded()), 1)
        let intervals = (top + stepBytes - 1) / stepBytes
        maximum = intervals * stepBytes
        ticks = (0...intervals).map { $0 * stepBytes }
    }

    /// The y coordinate of `value` in `area`.
    func y(_ value: Int64, in area: PlotArea) -> Double {
        area.bottom - Double(value) / Double(maximum) * area.height
    }
}
