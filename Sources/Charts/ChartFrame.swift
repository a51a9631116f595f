/// What every chart has around its data: background, title, legend, grid, axes and their labels.
struct ChartFrame {
    struct LegendEntry {
        enum Mark { case line, dashed, swatch }
        var label: String
        var color: String
        var mark: Mark
    }

    var title: String
    var subtitle: String
    var legend: [LegendEntry]
    var values: ValueAxis
    var times: TimeAxis
    var valueLabel: @Sendable (Int64) -> String

    /// The legend wraps to as many rows as it needs; the plot starts below it.
    var legendRows: [[(entry: LegendEntry, x: Double)]] {
        var rows: [[(LegendEntry, Double)]] = [[]]
        var x = PlotArea.standard.left
        for entry in legend {
            let width = 26 + Double(entry.label.count) * 6.6 + 16
            if x + width > ChartStyle.width - 16, !(rows[rows.count - 1].isEmpty) {
                rows.append([])
                x = PlotArea.standard.left
            }
            rows[rows.count - 1].append((entry, x))
            x += width
        }
        return rows.map { $0.map { (entry: $0.0, x: $0.1) } }
    }

    var area: PlotArea {
        var area = PlotArea.standard
        area.top = 50 + Double(legendRows.count) * 16 + 8
        return area
    }

    func open(_ svg: inout SVGWriter, description: String) {
        svg.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", SVGWriter.number(ChartStyle.width)), ("height", SVGWriter.number(ChartStyle.height)),
            ("viewBox", "0 0 \(SVGWriter.number(ChartStyle.width)) \(SVGWriter.number(ChartStyle.height))"),
            ("role", "img"), ("aria-label", title),
            ("font-family", ChartStyle.fontFamily), ("font-size", "12"),
        ])
        svg.raw("<desc>\(SVGWriter.escape(description))</desc>")
        svg.element("rect", [("width", "100%"), ("height", "100%"), ("fill", ChartStyle.background)])
        svg.text(title, [("x", "16"), ("y", "24"), ("font-size", "16"), ("font-weight", "600"), ("fill", ChartStyle.textColor)])
        svg.text(subtitle, [("x", "16"), ("y", "42"), ("font-size", "11"), ("fill", ChartStyle.mutedColor)])
        drawLegend(&svg)
        drawGrid(&svg)
    }

    func close(_ svg: inout SVGWriter) {
        let area = self.area
        // Axes last, so the data never hides them.
        svg.element("line", [
            ("x1", SVGWriter.number(area.left)), ("y1", SVGWriter.number(area.bottom)),
            ("x2", SVGWriter.number(area.right)), ("y2", SVGWriter.number(area.bottom)),
            ("stroke", ChartStyle.axisColor),
        ])
        svg.element("line", [
            ("x1", SVGWriter.number(area.left)), ("y1", SVGWriter.number(area.top)),
            ("x2", SVGWriter.number(area.left)), ("y2", SVGWriter.number(area.bottom)),
            ("stroke", ChartStyle.axisColor),
        ])
        svg.close("svg")
    }

    private func drawLegend(_ svg: inout SVGWriter) {
        for (row, entries) in legendRows.enumerated() {
            let y = 58 + Double(row) * 16
            for (entry, x) in entries {
                switch entry.mark {
                case .swatch:
                    svg.element("rect", [
                        ("x", SVGWriter.number(x)), ("y", SVGWriter.number(y - 9)), ("width", "18"), ("height", "10"),
                        ("fill", entry.color),
                    ])
                case .line, .dashed:
                    var attributes = [
                        ("x1", SVGWriter.number(x)), ("y1", SVGWriter.number(y - 4)),
                        ("x2", SVGWriter.number(x + 18)), ("y2", SVGWriter.number(y - 4)),
                        ("stroke", entry.color), ("stroke-width", "2.5"),
                    ]
                    if entry.mark == .dashed { attributes.append(("stroke-dasharray", "6 3")) }
                    svg.element("line", attributes)
                }
                svg.text(entry.label, [("x", SVGWriter.number(x + 24)), ("y", SVGWriter.number(y)), ("fill", ChartStyle.textColor)])
            }
        }
    }

    private func drawGrid(_ svg: inout SVGWriter) {
        let area = self.area
        for tick in values.ticks {
            let y = values.y(tick, in: area)
            if tick > 0 {
                svg.element("line", [
                    ("x1", SVGWriter.number(area.left)), ("y1", SVGWriter.number(y)),
                    ("x2", SVGWriter.number(area.right)), ("y2", SVGWriter.number(y)),
                    ("stroke", ChartStyle.gridColor),
                ])
            }
            svg.text(valueLabel(tick), [
                ("x", SVGWriter.number(area.left - 8)), ("y", SVGWriter.number(y + 4)),
                ("text-anchor", "end"), ("fill", ChartStyle.mutedColor),
            ])
        }
        for tick in times.ticks {
            let x = times.x(tick.time, in: area)
            svg.element("line", [
                ("x1", SVGWriter.number(x)), ("y1", SVGWriter.number(area.bottom)),
                ("x2", SVGWriter.number(x)), ("y2", SVGWriter.number(area.bottom + 5)),
                ("stroke", ChartStyle.axisColor),
            ])
            svg.text(tick.label, [
                ("x", SVGWriter.number(x)), ("y", SVGWriter.number(area.bottom + 19)),
                ("text-anchor", "middle"), ("fill", ChartStyle.mutedColor),
            ])
        }
    }
}
