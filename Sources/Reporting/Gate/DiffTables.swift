import ImageModel
import SizeGate

/// The tables of a `MeasurementDiff`, made once for the terminal and Markdown renderings: totals,
/// categories, layers and packages that changed, largest movers first, `rows` long.
public struct DiffTables: Sendable {
    public var bytes: ByteFormatter
    public var rows: Int

    public init(bytes: ByteFormatter, rows: Int) {
        self.bytes = bytes
        self.rows = rows
    }

    public func totals(_ diff: MeasurementDiff) -> ReportTable {
        var table = ReportTable(title: "Totals", headers: ["measure", "old", "new", "change"], alignments: [.left, .right, .right, .right])
        for total in diff.totals {
            table.add([
                ReportTable.Cell(total.measure), ReportTable.Cell(total.oldBytes.map(bytes.string) ?? "unknown"),
                ReportTable.Cell(total.newBytes.map(bytes.string) ?? "unknown"), ReportTable.Cell(total.deltaBytes.map(bytes.delta) ?? ""),
            ])
        }
        return table
    }

    /// Categories whose bytes changed; `count` is how many there are before `rows` cuts them.
    public func categories(_ diff: MeasurementDiff) -> (table: ReportTable, count: Int) {
        let changed = diff.categories.filter { $0.deltaBytes != 0 }
        var table = ReportTable(
            title: "Categories", headers: ["category", "old", "new", "change"], alignments: [.left, .right, .right, .right])
        for category in changed.prefix(rows) {
            table.add([
                ReportTable.Cell(category.category.rawValue), ReportTable.Cell(bytes.string(category.oldBytes)),
                ReportTable.Cell(bytes.string(category.newBytes)), ReportTable.Cell(bytes.delta(category.deltaBytes)),
            ])
        }
        return (table, changed.count)
    }

    /// Layers that changed, with how many did not.
    public func layers(_ diff: MeasurementDiff) -> (table: ReportTable, count: Int, unchanged: Int) {
        let changed = diff.layers.filter { $0.status != .unchanged }
        var table = ReportTable(
            title: "Layers", headers: ["change", "layer", "old", "new", "delta", "step"],
            alignments: [.left, .right, .right, .right, .right, .left])
        for layer in changed.prefix(rows) {
            let position = [layer.oldIndex, layer.newIndex].map { $0.map(String.init) ?? "–" }.joined(separator: "→")
            table.add([
                ReportTable.Cell(layer.status.rawValue), ReportTable.Cell(position), ReportTable.Cell(bytes.string(layer.oldBytes)),
                ReportTable.Cell(bytes.string(layer.newBytes)), ReportTable.Cell(bytes.delta(layer.deltaBytes)),
                .code(HistoryStep.short(layer.createdBy).truncated(to: 80)),
            ])
        }
        return (table, changed.count, diff.layers.count - changed.count)
    }

    public func packages(_ diff: MeasurementDiff) -> (table: ReportTable, count: Int) {
        let changed = diff.packages.filter { $0.status != .unchanged }
        var table = ReportTable(
            title: "Packages", headers: ["change", "package", "old", "new", "delta"], alignments: [.left, .left, .left, .left, .right])
        for package in changed.prefix(rows) {
            table.add([
                ReportTable.Cell(package.status.rawValue), ReportTable.Cell("\(package.ecosystem):\(package.name)"),
                ReportTable.Cell(package.status == .added ? "–" : "\(package.oldVersion ?? "?") (\(bytes.string(package.oldBytes)))"),
                ReportTable.Cell(package.status == .removed ? "–" : "\(package.newVersion ?? "?") (\(bytes.string(package.newBytes)))"),
                ReportTable.Cell(bytes.delta(package.deltaBytes)),
            ])
        }
        return (table, changed.count)
    }
}
