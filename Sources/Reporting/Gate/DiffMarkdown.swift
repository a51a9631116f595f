import ImageModel
import SizeGate

/// The Markdown of a `MeasurementDiff`: totals, categories, layers and packages, largest movers
/// first. Used by `diff --format markdown` and the "What changed" section of check reports.
public struct DiffMarkdown: Sendable {
    public var bytes: ByteFormatter
    /// How many rows each table shows (the rest are counted, not listed).
    public var rows: Int

    public init(bytes: ByteFormatter = ByteFormatter(), rows: Int = 20) {
        self.bytes = bytes
        self.rows = rows
    }

    /// A whole document with a heading.
    public func render(_ diff: MeasurementDiff) -> String {
        var out = "## `\(diff.old.name)` → `\(diff.new.name)`: \(bytes.delta(diff.new.contentBytes - diff.old.contentBytes))\n\n"
        out += sections(diff, headingLevel: 3)
        return out
    }

    /// The totals table and the category, layer and package sections.
    public func sections(_ diff: MeasurementDiff, headingLevel: Int) -> String {
        let hashes = String(repeating: "#", count: headingLevel)
        var out = ""
        var totals = TextTable(headers: ["measure", "old", "new", "change"], alignments: [.left, .right, .right, .right])
        for total in diff.totals {
            totals.add([
                total.measure, total.oldBytes.map(bytes.string) ?? "unknown", total.newBytes.map(bytes.string) ?? "unknown",
                total.deltaBytes.map(bytes.delta) ?? "",
            ])
        }
        out += totals.markdown() + "\n"
        let categories = diff.categories.filter { $0.deltaBytes != 0 }
        out += "\(hashes) Categories\n\n"
        if diff.old.categories.isEmpty && diff.new.categories.isEmpty {
            out += "No per-category bytes were measured.\n\n"
        } else if categories.isEmpty {
            out += "No category changed.\n\n"
        } else {
            var table = TextTable(headers: ["category", "old", "new", "change"], alignments: [.left, .right, .right, .right])
            for category in categories.prefix(rows) {
                table.add([category.name, bytes.string(category.oldBytes), bytes.string(category.newBytes), bytes.delta(category.deltaBytes)])
            }
            out += table.markdown() + more(categories.count) + "\n"
        }
        let layers = diff.layers.filter { $0.status != .unchanged }
        let unchanged = diff.layers.count - layers.count
        out += "\(hashes) Layers\n\n"
        if layers.isEmpty {
            out += "No layer changed (\(unchanged) identical by diff ID).\n\n"
        } else {
            var table = TextTable(
                headers: ["change", "layer", "old", "new", "delta", "step"], alignments: [.left, .right, .right, .right, .right, .left])
            for layer in layers.prefix(rows) {
                let position = [layer.oldIndex.map { "\($0)" }, layer.newIndex.map { "\($0)" }].map { $0 ?? "–" }.joined(separator: "→")
                let step = HistoryStep.short(layer.createdBy).truncated(to: 80)
                table.add([
                    layer.status.rawValue, position, bytes.string(layer.oldBytes), bytes.string(layer.newBytes),
                    bytes.delta(layer.deltaBytes), step.isEmpty ? "" : "`\(step.replacingAll("`", with: "'"))`",
                ])
            }
            out += table.markdown() + more(layers.count)
            out += unchanged > 0 ? "\n\(unchanged) layer\(unchanged == 1 ? "" : "s") unchanged (same diff ID).\n\n" : "\n"
        }
        let packages = diff.packages.filter { $0.status != .unchanged }
        out += "\(hashes) Packages\n\n"
        if diff.old.packages.isEmpty && diff.new.packages.isEmpty {
            out += "No package sizes were measured.\n\n"
        } else if packages.isEmpty {
            out += "No package changed.\n\n"
        } else {
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
            out += table.markdown() + more(packages.count) + "\n"
        }
        return out
    }

    private func more(_ count: Int) -> String {
        count > rows ? "\n… and \(count - rows) more.\n" : ""
    }
}
