/// A stacked area chart: at each measurement, the parts of a total stacked bottom to top, so that
/// the band that widens is the part that grew (for one service, its size categories over time).
public struct StackedAreaChart: Sendable {
    /// One band: a value at every time of the chart.
    public struct Band: Sendable, Equatable {
        public var name: String
        public var color: String
        /// One value per entry of `times`.
        public var values: [Int64]

        public init(name: String, color: String, values: [Int64]) {
            self.name = name
            self.color = color
            self.values = values
        }
    }

    public var title: String
    public var subtitle: String
    /// The measurement times, ascending.
    public var times: [UTCTimestamp]
    /// Bottom band first.
    public var bands: [Band]
    public var valueLabel: @Sendable (Int64) -> String

    public init(
        title: String, subtitle: String, times: [UTCTimestamp], bands: [Band],
        valueLabel: @escaping @Sendable (Int64) -> String
    ) {
        self.title = title
        self.subtitle = subtitle
        self.times = times
        self.bands = bands
        self.valueLabel = valueLabel
    }

    /// The whole SVG document. Bands are stacked in the order given; a band missing values counts 0.
    public func svg() -> String {
        let count = times.count
        func value(_ band: Band, _ index: Int) -> Int64 { index < band.values.count ? max(band.values[index], 0) : 0 }
        var cumulative: [[Int64]] = []
        var running = [Int64](repeating: 0, count: count)
        for band in bands {
            for index in 0..<count { running[index] += value(band, index) }
            cumulative.append(running)
        }
        let largest = running.max() ?? 0
        let legend = bands.map { band in
            ChartFrame.LegendEntry(label: "\(band.name) \(valueLabel(count > 0 ? value(band, count - 1) : 0))",
                color: band.color, mark: .swatch)
        }
        let frame = ChartFrame(
            title: title, subtitle: subtitle, legend: legend,
            values: ValueAxis(largest: Int64((Double(largest) * 1.05).rounded(.up))),
            times: TimeAxis(times: times), valueLabel: valueLabel)
        let area = frame.area
        var svg = SVGWriter()
        frame.open(&svg, description: description(total: running))
        // A single measurement is drawn as a bar a few pixels wide, so it is still visible.
        let xs: [Double] = count == 1 ? [area.left + area.width / 2 - 6, area.left + area.width / 2 + 6] : times.map { frame.times.x($0, in: area) }
        let indexes: [Int] = count == 1 ? [0, 0] : Array(0..<count)
        for (position, band) in bands.enumerated() where count > 0 {
            let top = indexes.map { cumulative[position][$0] }
            let bottom = indexes.map { position == 0 ? 0 : cumulative[position - 1][$0] }
            if zip(top, bottom).allSatisfy({ $0 == $1 }) { continue }
            var coordinates = zip(xs, top).map { "\(SVGWriter.number($0)),\(SVGWriter.number(frame.values.y($1, in: area)))" }
            coordinates += zip(xs, bottom).reversed().map { "\(SVGWriter.number($0)),\(SVGWriter.number(frame.values.y($1, in: area)))" }
            let latest = value(band, count - 1)
            svg.element("polygon", [
                ("points", coordinates.joined(separator: " ")), ("fill", band.color), ("fill-opacity", "0.85"),
                ("stroke", ChartStyle.background), ("stroke-width", "0.5"),
            ], tooltip: "\(band.name): \(valueLabel(latest)) (\(latest) bytes) at \(times[count - 1].date)")
        }
        if let last = running.last, let x = xs.last {
            svg.text("total \(valueLabel(last))", [
                ("x", SVGWriter.number(x)), ("y", SVGWriter.number(max(frame.values.y(last, in: area) - 8, area.top - 2))),
                ("text-anchor", "end"), ("font-weight", "600"), ("fill", ChartStyle.textColor),
            ])
        }
        frame.close(&svg)
        return svg.text
    }

    func description(total: [Int64]) -> String {
        guard let first = total.first, let last = total.last, let start = times.first, let end = times.last else {
            return "no data"
        }
        return "total \(valueLabel(first)) on \(start.date), \(valueLabel(last)) on \(end.date)"
    }
}
