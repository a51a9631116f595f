import Charts

/// Draws a `TreemapNode` tree as inline SVG: nested blocks sized by bytes, a label where it fits,
/// and the exact bytes in each block's `<title>` (shown on hover, no script needed).
struct TreemapSVG {
    var width: Double = 1160
    var height: Double = 620
    var bytes: ByteFormatter
    /// Blocks smaller than this many square pixels are gathered into one "N more" block.
    var minimumArea: Double = 140
    /// At most this many children per block; the rest are gathered.
    var maximumChildren = 60

    /// Base colours of layers, cycled: distinct hues that keep dark text readable once lightened.
    /// No orange: orange is the dev-dependencies colour, which must stand out inside any layer.
    static let layerColors = ["#0969da", "#8250df", "#1a7f37", "#0550ae", "#bf3989", "#0a7ea4", "#57606a", "#6639ba", "#cf222e", "#116329"]

    func render(_ root: TreemapNode) -> String {
        var svg = SVGWriter()
        svg.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))"),
            ("class", "treemap"), ("role", "img"), ("aria-label", "Treemap of \(root.label) by bytes"),
            ("font-size", "11"),
        ])
        svg.raw(
            "<defs><pattern id=\"wasted-hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"8\" height=\"8\" fill=\"#f6e7a8\"/><rect width=\"3\" height=\"8\" fill=\"#d4a72c\"/></pattern></defs>")
        let total = root.bytes
        let bounds = ChartRect(x: 0, y: 0, width: width, height: height)
        if total == 0 {
            svg.text("This image has no file content.", [("x", "20"), ("y", "30")])
        } else {
            layoutChildren(of: root, in: bounds, depth: 0, total: total, color: nil, into: &svg)
        }
        svg.close("svg")
        return svg.text
    }

    private func layoutChildren(of node: TreemapNode, in rect: ChartRect, depth: Int, total: Int64, color: String?, into svg: inout SVGWriter) {
        let visible = visibleChildren(of: node, area: rect.area)
        let rects = Treemap.layout(visible.map(\.bytes), in: rect)
        for (child, childRect) in zip(visible, rects) {
            let base = color ?? baseColor(child)
            draw(child, in: childRect, depth: depth, total: total, color: base, into: &svg)
        }
    }

    private func draw(_ node: TreemapNode, in rect: ChartRect, depth: Int, total: Int64, color: String, into svg: inout SVGWriter) {
        guard rect.width >= 1.5, rect.height >= 1.5 else { return }
        let fill: String
        switch node.kind {
        case .wasted: fill = "url(#wasted-hatch)"
        case .rest: fill = "#eaeef2"
        case .category: fill = CategoryPalette.color(node.category ?? node.label, position: 0)
        case .package where node.category == "dev-dependencies":
            fill = Self.lighten(CategoryPalette.color("dev-dependencies", position: 0), by: 0.3)
        default: fill = Self.lighten(color, by: min(0.18 + 0.14 * Double(depth), 0.62))
        }
        let share = ByteFormatter.fixed(Double(node.bytes) / Double(max(total, 1)) * 100, decimals: 1)
        let tooltip = "\(node.detail)\n\(bytes.string(node.bytes)) (\(groupedInteger(node.bytes)) bytes, \(share)% of the image)"
        svg.element("rect", [
            ("x", SVGWriter.number(rect.x)), ("y", SVGWriter.number(rect.y)),
            ("width", SVGWriter.number(rect.width)), ("height", SVGWriter.number(rect.height)),
            ("fill", fill), ("stroke", "#ffffff"), ("stroke-width", depth == 0 ? "2" : "1"),
        ], tooltip: tooltip)
        let darkFill = node.kind == .category || (node.kind != .wasted && node.kind != .rest && depth == 0)
        let textColor = darkFill ? "#ffffff" : "#1f2328"
        let canNest = !node.children.isEmpty && rect.width >= 40 && rect.height >= 36
        if canNest {
            let heading = "\(node.label) · \(bytes.string(node.bytes))" + (node.caption.map { " · " + $0 } ?? "")
            label(heading, at: rect, color: textColor, bold: true, into: &svg)
            let inner = rect.droppingTop(15).inset(2)
            let childColor = node.kind == .category ? CategoryPalette.color(node.category ?? node.label, position: 0) : color
            layoutChildren(of: node, in: inner, depth: depth + 1, total: total, color: childColor, into: &svg)
        } else if rect.width >= 30, rect.height >= 14 {
            label(node.label, at: rect, color: textColor, bold: depth == 0, into: &svg)
            if rect.height >= 28 {
                label(bytes.string(node.bytes), at: ChartRect(x: rect.x, y: rect.y + 13, width: rect.width, height: rect.height - 13),
                    color: textColor, bold: false, into: &svg)
            }
        }
    }

    private func label(_ text: String, at rect: ChartRect, color: String, bold: Bool, into svg: inout SVGWriter) {
        // About 6.2 px per character at 11 px in common sans-serif fonts.
        let fits = Int((rect.width - 6) / 6.2)
        guard fits >= 3 else { return }
        var attributes = [
            ("x", SVGWriter.number(rect.x + 3)), ("y", SVGWriter.number(rect.y + 11.5)), ("fill", color),
            ("pointer-events", "none"),
        ]
        if bold { attributes.append(("font-weight", "600")) }
        svg.text(text.truncated(to: fits), attributes)
    }

    /// The children big enough to see, largest first; the others gathered into one block.
    private func visibleChildren(of node: TreemapNode, area: Double) -> [TreemapNode] {
        guard node.bytes > 0 else { return [] }
        var shown: [TreemapNode] = []
        var restBytes: Int64 = 0
        var restCount = 0
        for child in node.children where child.bytes > 0 {
            let childArea = Double(child.bytes) / Double(node.bytes) * area
            if shown.count < maximumChildren, childArea >= minimumArea {
                shown.append(child)
            } else {
                restBytes += child.bytes
                restCount += 1
            }
        }
        if restCount == 1, let only = node.children.last(where: { $0.bytes > 0 }) {
            shown.append(only)
        } else if restCount > 1 {
            shown.append(TreemapNode(
                kind: .rest, label: "\(restCount) more", detail: "\(restCount) smaller items in \(node.detail)", bytes: restBytes,
                children: [], layer: node.layer, category: node.category))
        }
        return shown
    }

    private func baseColor(_ node: TreemapNode) -> String {
        if let category = node.category { return CategoryPalette.color(category, position: 0) }
        return Self.layerColors[max(node.layer, 0) % Self.layerColors.count]
    }

    /// `hex` mixed with white: 0 keeps the colour, 1 is white.
    static func lighten(_ hex: String, by amount: Double) -> String {
        let digits = Array(hex.utf8.dropFirst())
        guard digits.count == 6 else { return hex }
        func channel(_ index: Int) -> Double {
            let text = String(decoding: digits[index..<index + 2], as: UTF8.self)
            return Double(UInt8(text, radix: 16) ?? 0)
        }
        let mixed = [0, 2, 4].map { index -> String in
            let value = channel(index) + (255 - channel(index)) * amount
            let byte = UInt8(min(max(value.rounded(), 0), 255))
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return "#" + mixed.joined()
    }
}
