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

    /// The totals table and the category, layer and package sections (`DiffTables`).
    public func sections(_ diff: MeasurementDiff, headingLevel: Int) -> String {
        let hashes = String(repeating: "#", count: headingLevel)
        let tables = DiffTables(bytes: bytes, rows: rows)
        var out = tables.totals(diff).markdownTable().markdown() + "\n"
        let categories = tables.categories(diff)
        out += "\(hashes) Categories\n\n"
        if diff.old.categories.isEmpty && diff.new.categories.isEmpty {
            out += "No per-category bytes were measured.\n\n"
        } else if categories.count == 0 {
            out += "No category changed.\n\n"
        } else {
            out += categories.table.markdownTable().markdown() + more(categories.count) + "\n"
        }
        let layers = tables.layers(diff)
        out += "\(hashes) Layers\n\n"
        if layers.count == 0 {
            out += "No layer changed (\(layers.unchanged) identical by diff ID).\n\n"
        } else {
            out += layers.table.markdownTable().markdown() + more(layers.count)
            out += layers.unchanged > 0 ? "\n\(Plural.count(layers.unchanged, "layer")) unchanged (same diff ID).\n\n" : "\n"
        }
        let packages = tables.packages(diff)
        out += "\(hashes) Packages\n\n"
        if diff.old.packages.isEmpty && diff.new.packages.isEmpty {
            out += "No package sizes were measured.\n\n"
        } else if packages.count == 0 {
            out += "No package changed.\n\n"
        } else {
            out += packages.table.markdownTable().markdown() + more(packages.count) + "\n"
        }
        return out
    }

    private func more(_ count: Int) -> String {
        count > rows ? "\n… and \(count - rows) more.\n" : ""
    }
}
