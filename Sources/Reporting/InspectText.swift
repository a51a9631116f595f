import ImageModel

/// The terminal rendering of `inspect`.
public struct InspectText: Sendable {
    public var bytes: ByteFormatter
    /// Widest history step shown in the layer table.
    public var stepWidth: Int

    public init(bytes: ByteFormatter = ByteFormatter(), stepWidth: Int = 60) {
        self.bytes = bytes
        self.stepWidth = stepWidth
    }

    /// Every image; after several, the layers they share.
    public func render(_ reports: [ImageReport]) -> String {
        reports.map(render).joined(separator: "\n") + (reports.count > 1 ? fleet(FleetLayers(reports)) : "")
    }

    func fleet(_ layers: FleetLayers) -> String {
        layers.table(bytes).text() + "  " + layers.line(bytes) + "\n"
    }

    public func render(_ report: ImageReport) -> String {
        let image = report.image
        var out = "Image \(image.name)"
        if let platform = image.platform { out += " (\(platform))" }
        out += "\n"
        // label, human size, exact bytes, and what the figure is.
        var facts = TextTable(headers: ["", "", "", ""], alignments: [.left, .right, .right, .left])
        for (label, value) in sizeFacts(image) {
            facts.add([label, bytes.string(value), groupedInteger(value) + " bytes", ""])
        }
        facts.add(["compressed", compressedText(image)] + compressedBytesNote(image))
        facts.add(["layers", String(image.layers.count), "", ""])
        facts.add(["files", groupedInteger(Int64(image.fileCount)), "", ""])
        out += facts.render(indent: "  ").split(separator: "\n", omittingEmptySubsequences: false).dropFirst().filter { !$0.isEmpty }.map { $0 + "\n" }.joined()

        if let ledger = report.ledger { out += categories(ledger) }
        let tables = InspectTables(bytes: bytes)
        out += tables.layers(image, stepWidth: stepWidth).text()
        out += tables.lists(report).map { $0.text() }.joined()
        if let ledger = report.ledger { out += packages(ledger, top: report.top) + duplicateFiles(ledger) + findings(ledger) }
        out += savingsPlan(report)
        if !report.notes.isEmpty {
            out += "\nNotes\n" + report.notes.map { "  - \($0)\n" }.joined()
        }
        return out
    }

    func sizeFacts(_ image: LoadedImage) -> [(String, Int64)] {
        [("content", image.contentBytes), ("final", image.finalBytes), ("wasted", image.wastedBytes)]
    }

    func compressedText(_ image: LoadedImage) -> String {
        image.compressedBytes.map(bytes.string) ?? "unknown"
    }

    /// The exact bytes and the figure's source, as two cells.
    func compressedBytesNote(_ image: LoadedImage) -> [String] {
        guard let total = image.compressedBytes else {
            return ["", "layers stored uncompressed (see --compressed)"]
        }
        let label = ByteFormatter.compressedLabel(image.compressedBytesSource, errorBound: image.compressedBytesErrorBound)
        return [groupedInteger(total) + " bytes", label]
    }
}
