/// A one-line chart for terminals and Markdown: "▁▂▃▅▇", one block per value (or per group of
/// values when there are more than `width`), scaled between the smallest and largest value.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The sparkline of `values` in order. A flat series draws at the middle height; an empty one is "".
    /// With more than `width` values, each block shows the last value of its group, so the final
    /// block is always the latest measurement.
    public static func render(_ values: [Int64], width: Int = 40) -> String {
        guard !values.isEmpty else { return "" }
        var sampled = values
        if values.count > width, width > 0 {
            sampled = (1...width).map { values[($0 * values.count + width - 1) / width - 1] }
        }
        guard let low = sampled.min(), let high = sampled.max() else { return "" }
        if low == high { return String(repeating: blocks[3], count: sampled.count) }
        let span = Double(high - low)
        return String(sampled.map { value in
            let level = Int((Double(value - low) / span * Double(blocks.count - 1)).rounded())
            return blocks[min(max(level, 0), blocks.count - 1)]
        })
    }
}
