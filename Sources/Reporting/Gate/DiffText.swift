import ImageModel
import SizeGate

/// The terminal rendering of a `MeasurementDiff` (`DiffTables`), largest movers first.
public struct DiffText: Sendable {
    public var bytes: ByteFormatter
    public var rows: Int

    public init(bytes: ByteFormatter = ByteFormatter(), rows: Int = 20) {
        self.bytes = bytes
        self.rows = rows
    }

    /// The text `diff --format table` prints.
    public func render(_ diff: MeasurementDiff) -> String {
        let tables = DiffTables(bytes: bytes, rows: rows)
        var out = "\(diff.old.name) → \(diff.new.name): content \(bytes.delta(diff.new.contentBytes - diff.old.contentBytes))\n\n"
        out += tables.totals(diff).textTable(uppercased: false).render()
        let categories = tables.categories(diff)
        if categories.count > 0 {
            out += "\nCategories\n" + categories.table.textTable(uppercased: false).render(indent: "  ") + more(categories.count)
        }
        let layers = tables.layers(diff)
        out += "\nLayers" + (layers.unchanged > 0 ? " (\(layers.unchanged) unchanged)\n" : "\n")
        if layers.count == 0 {
            out += "  no layer changed\n"
        } else {
            out += layers.table.textTable(uppercased: false).render(indent: "  ") + more(layers.count)
        }
        let packages = tables.packages(diff)
        if packages.count > 0 {
            out += "\nPackages\n" + packages.table.textTable(uppercased: false).render(indent: "  ") + more(packages.count)
        }
        return out
    }

    private func more(_ count: Int) -> String {
        count > rows ? "  … and \(count - rows) more\n" : ""
    }
}
