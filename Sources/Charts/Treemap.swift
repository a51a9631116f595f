/// A rectangle in chart coordinates.
public struct ChartRect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var area: Double { width * height }

    /// The rectangle shrunk by `amount` on every side (never below zero size).
    public func inset(_ amount: Double) -> ChartRect {
        ChartRect(x: x + amount, y: y + amount, width: max(width - 2 * amount, 0), height: max(height - 2 * amount, 0))
    }

    /// The rectangle without a band of `amount` at the top (for a label).
    public func droppingTop(_ amount: Double) -> ChartRect {
        let cut = min(amount, height)
        return ChartRect(x: x, y: y + cut, width: width, height: height - cut)
    }
}

/// Squarified treemap layout (Bruls, Huizing and van Wijk, 2000): splits a rectangle into one
/// rectangle per weight, with areas proportional to the weights and shapes close to squares, so
/// labels fit and sizes compare at a glance.
public enum Treemap {
    /// One rectangle per weight, in the order given. Give weights largest first for the best
    /// shapes. Zero or negative weights get empty rectangles.
    public static func layout(_ weights: [Int64], in bounds: ChartRect) -> [ChartRect] {
        var result = [ChartRect](repeating: ChartRect(x: bounds.x, y: bounds.y, width: 0, height: 0), count: weights.count)
        let positive = weights.indices.filter { weights[$0] > 0 }
        let total = positive.reduce(0.0) { $0 + Double(weights[$1]) }
        guard total > 0, bounds.area > 0 else { return result }
        let scale = bounds.area / total
        var remaining = bounds
        var row: [Int] = []
        var pending = positive[...]
        while let next = pending.first {
            let side = min(remaining.width, remaining.height)
            let areas = row.map { Double(weights[$0]) * scale }
            let withNext = areas + [Double(weights[next]) * scale]
            if row.isEmpty || worst(withNext, side: side) <= worst(areas, side: side) {
                row.append(next)
                pending = pending.dropFirst()
            } else {
                remaining = place(row, weights: weights, scale: scale, in: remaining, into: &result)
                row = []
            }
        }
        if !row.isEmpty { _ = place(row, weights: weights, scale: scale, in: remaining, into: &result) }
        return result
    }

    /// The worst aspect ratio of a row of areas laid along a side of length `side`.
    static func worst(_ areas: [Double], side: Double) -> Double {
        guard let largest = areas.max(), let smallest = areas.min(), side > 0 else { return .infinity }
        let sum = areas.reduce(0, +)
        let sideSquared = side * side
        let sumSquared = sum * sum
        return max(sideSquared * largest / sumSquared, sumSquared / (sideSquared * smallest))
    }

    /// Lays one row along the shorter side of `bounds` and returns what is left.
    static func place(_ row: [Int], weights: [Int64], scale: Double, in bounds: ChartRect, into result: inout [ChartRect]) -> ChartRect {
        let sum = row.reduce(0.0) { $0 + Double(weights[$1]) * scale }
        if bounds.width >= bounds.height {
            // Column on the left.
            let width = bounds.height > 0 ? sum / bounds.height : 0
            var y = bounds.y
            for index in row {
                let height = width > 0 ? Double(weights[index]) * scale / width : 0
                result[index] = ChartRect(x: bounds.x, y: y, width: width, height: height)
                y += height
            }
            return ChartRect(x: bounds.x + width, y: bounds.y, width: max(bounds.width - width, 0), height: bounds.height)
        } else {
            // Row along the top.
            let height = bounds.width > 0 ? sum / bounds.width : 0
            var x = bounds.x
            for index in row {
                let width = height > 0 ? Double(weights[index]) * scale / height : 0
                result[index] = ChartRect(x: x, y: bounds.y, width: width, height: height)
                x += width
            }
            return ChartRect(x: bounds.x, y: bounds.y + height, width: bounds.width, height: max(bounds.height - height, 0))
        }
    }
}
