/// A line chart of sizes over time with horizontal threshold lines (warn, fail, target): one per
/// service, and one for the fleet total.
public struct LineChart: Sendable {
    /// One measured value.
    public struct Point: Sendable, Equatable {
        public var time: UTCTimestamp
        public var value: Int64
        /// Shown on hover in a browser, e.g. the image digest of that build.
        public var note: String?

        public init(time: UTCTimestamp, value: Int64, note: String? = nil) {
            self.time = time
            self.value = value
            self.note = note
        }
    }

    /// A line of points, drawn in time order.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var color: String
        public var points: [Point]

        public init(name: String, color: String = ChartStyle.seriesColor, points: [Point]) {
            self.name = name
            self.color = color
            self.points = points
        }
    }

    /// A dashed horizontal line at a limit.
    public struct Threshold: Sendable, Equatable {
        /// Short: it labels the line in the right margin ("warn 500 MB").
        public var name: String
        public var value: Int64
        public var color: String
        /// Added to the legend entry only ("(sum of services)").
        public var note: String?

        public init(name: String, value: Int64, color: String, note: String? = nil) {
            self.name = name
            self.value = value
            self.color = color
            self.note = note
        }
    }

    public var title: String
    public var subtitle: String
    public var series: [Series]
    public var thresholds: [Threshold]
    /// How axis labels and tooltips print a value ("500 MB").
    public var valueLabel: @Sendable (Int64) -> String
    /// A threshold further above the data than this factor is named in the legend but not drawn,
    /// so that a distant ceiling does not squash the line it is meant to frame.
    public var thresholdReach: Double = 1.5
    /// Point markers are drawn up to this many points per series.
    public var markerLimit = 60

    public init(
        title: String, subtitle: String, series: [Series], thresholds: [Threshold] = [],
        valueLabel: @escaping @Sendable (Int64) -> String
    ) {
        self.title = title
        self.subtitle = subtitle
        self.series = series
        self.thresholds = thresholds
        self.valueLabel = valueLabel
    }

    /// Thresholds close enough to the data to draw.
    var drawnThresholds: [Threshold] {
        let largest = series.flatMap(\.points).map(\.value).max() ?? 0
        return thresholds.filter { largest == 0 || Double($0.value) <= Double(largest) * thresholdReach }
    }

    /// The whole SVG document.
    public func svg() -> String {
        let points = series.flatMap(\.points)
        let drawn = drawnThresholds
        let largest = max(points.map(\.value).max() ?? 0, drawn.map(\.value).max() ?? 0)
        var legend = series.map { ChartFrame.LegendEntry(label: $0.name, color: $0.color, mark: .line) }
        for threshold in thresholds {
            let label = "\(threshold.name) \(valueLabel(threshold.value))" + (threshold.note.map { " " + $0 } ?? "")
            let isDrawn = drawn.contains(threshold)
            legend.append(.init(label: isDrawn ? label : label + " (above chart)", color: threshold.color, mark: .dashed))
        }
        let frame = ChartFrame(
            title: title, subtitle: subtitle, legend: legend,
            values: ValueAxis(largest: Int64((Double(largest) * 1.05).rounded(.up))),
            times: TimeAxis(times: points.map(\.time)), valueLabel: valueLabel)
        let area = frame.area
        var svg = SVGWriter()
        frame.open(&svg, description: description)
        for threshold in drawn {
            let y = frame.values.y(threshold.value, in: area)
            svg.element("line", [
                ("x1", SVGWriter.number(area.left)), ("y1", SVGWriter.number(y)),
                ("x2", SVGWriter.number(area.right)), ("y2", SVGWriter.number(y)),
                ("stroke", threshold.color), ("stroke-width", "1.5"), ("stroke-dasharray", "6 3"),
            ], tooltip: "\(threshold.name): \(valueLabel(threshold.value)) (\(threshold.value) bytes)")
        }
        for (label, y) in Self.spreadLabels(drawn.map { ($0, frame.values.y($0.value, in: area)) }) {
            svg.text("\(label.name) \(valueLabel(label.value))", [
                ("x", SVGWriter.number(area.right + 6)), ("y", SVGWriter.number(y + 4)),
                ("fill", label.color), ("font-size", "11"),
            ])
        }
        for (position, line) in series.enumerated() {
            let sorted = line.points.sorted { ($0.time, $0.value) < ($1.time, $1.value) }
            let coordinates = sorted.map { (frame.times.x($0.time, in: area), frame.values.y($0.value, in: area)) }
            svg.element("polyline", [
                ("points", coordinates.map { "\(SVGWriter.number($0.0)),\(SVGWriter.number($0.1))" }.joined(separator: " ")),
                ("fill", "none"), ("stroke", line.color), ("stroke-width", "2.5"), ("stroke-linejoin", "round"),
            ])
            let marked = sorted.count <= markerLimit
            for (point, (x, y)) in zip(sorted, coordinates) where marked || point == sorted.last {
                var tooltip = "\(point.time.dateAndMinute) UTC: \(valueLabel(point.value)) (\(point.value) bytes)"
                if let note = point.note { tooltip += " " + note }
                svg.element("circle", [
                    ("cx", SVGWriter.number(x)), ("cy", SVGWriter.number(y)), ("r", "3.5"),
                    ("fill", ChartStyle.background), ("stroke", line.color), ("stroke-width", "2"),
                ], tooltip: tooltip)
            }
            if let last = sorted.last, let (x, y) = coordinates.last {
                // The latest value is the number people look for; print it next to the last point
                // (above it for the first series, below for the others, which run close beneath).
                let labelY = position == 0 ? max(y - 9, area.top - 2) : min(y + 18, area.bottom - 2)
                svg.text(valueLabel(last.value), [
                    ("x", SVGWriter.number(x)), ("y", SVGWriter.number(labelY)),
                    ("text-anchor", "end"), ("font-weight", "600"), ("fill", line.color),
                ])
            }
        }
        frame.close(&svg)
        return svg.text
    }

    /// A text alternative: the first and last value of each series.
    var description: String {
        series.map { line in
            let sorted = line.points.sorted { $0.time < $1.time }
            guard let first = sorted.first, let last = sorted.last else { return "\(line.name): no data" }
            return "\(line.name): \(valueLabel(first.value)) on \(first.time.date), "
                + "\(valueLabel(last.value)) on \(last.time.date)"
        }.joined(separator: "; ")
    }

    /// Moves right-margin labels apart so that two close thresholds stay readable.
    static func spreadLabels(_ labels: [(Threshold, Double)]) -> [(Threshold, Double)] {
        var sorted = labels.sorted { ($0.1, $0.0.name) < ($1.1, $1.0.name) }
        for index in sorted.indices.dropFirst() where sorted[index].1 - sorted[index - 1].1 < 13 {
            sorted[index].1 = sorted[index - 1].1 + 13
        }
        return sorted
    }
}
