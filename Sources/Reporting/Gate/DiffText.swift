import ImageModel
import SizeGate

/// The terminal rendering of a `MeasurementDiff`, largest movers first.
public struct DiffText: Sendable {
    public var bytes: ByteFormatter
    public var rows: Int

    public init(bytes: ByteFormatter = ByteFormatter(), rows: Int = 20) {
        self.bytes = bytes
        self.rows = rows
    }

    /// The text `diff --format table` prints.
    public func render(_ diff: MeasurementDiff) -> String {
        var out = "\(diff.old.name) → \(diff.new.name): content \(bytes.delta(diff.new.contentBytes - diff.old.contentBytes))\n\n"
        var totals = TextTable(headers: ["measure", "old", "new", "change"], alignments: [.left, .right, .right, .right])
        for total in diff.totals {
            totals.add([
                total.measure, total.oldBytes.map(bytes.string) ?? "unknown", total.newBytes.map(bytes.string) ?? "unknown",
                total.deltaBytes.map(bytes.delta) ?? "",
            ])
        }
        out += totals.render()
        let categories = diff.categories.filter { $0.deltaBytes != 0 }
        if !categories.isEmpty {
            var table = TextTable(headers: ["category", "old", "new", "change"], alignments: [.left, .right, .right, .right])
            for category in categories.prefix(rows) {
                table.add([category.name, bytes.string(category.oldBytes), bytes.string(category.newBytes), bytes.delta(category.deltaBytes)])
            }
            out += "\nCategories\n" + table.render(indent: "  ") + more(categories.count)
        }
        let layers = diff.layers.filter { $0.status != .unchanged }
        out += "\nLayers"
        let unchanged = diff.layers.count - layers.count
        out += unchanged > 0 ? " (\(unchanged) unchanged)\n" : "\n"
        if layers.isEmpty {
            out += "  no layer changed\n"
        } else {
            var table = TextTable(
                headers: ["change", "layer", "old", "new", "delta", "step"], alignments: [.left, .right, .right, .right, .right, .left])
            for layer in layers.prefix(rows) {
                let position = [layer.oldIndex, layer.newIndex].map { $0.map(String.init) ?? "–" }.joined(separator: "→")
                table.add([
                    layer.status.rawValue, position, bytes.string(layer.oldBytes), bytes.string(layer.newBytes),
                    bytes.delta(layer.deltaBytes), HistoryStep.short(layer.createdBy).truncated(to: 70),
                ])
            }
            out += table.render(indent: "  ") + more(layers.count)
        }
        let packages = diff.packages.filter { $0.status != .unchanged }
        if !packages.isEmpty {
            var table = TextTable(
                headers: ["change", "package", "old", "new", "delta"], alignments: [.left, .left, .left, .left, .right])
            for package in packages.prefix(rows) {
                table.add([
                    package.status.rawValue, "\(package.ecosystem):\(package.name)",
                    package.status == .added ? "–" : "\(package.oldVersion ?? "?") (\(bytes.string(package.oldBytes)))",
                    package.status == .removed ? "–" : "\(package.newVersion ?? "?") (\(bytes.string(package.newBytes)))",
                    bytes.delta(package.deltaBytes),
                ])
            }
            out += "\nPackages\n" + table.render(indent: "  ") + more(packages.count)
        }
        return out
    }

    private func more(_ count: Int) -> String {
        count > rows ? "  … and \(count - rows) more\n" : ""
    }
}
