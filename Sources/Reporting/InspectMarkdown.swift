import ImageModel

/// The Markdown rendering of `inspect`, for pull requests and wikis.
public struct InspectMarkdown: Sendable {
    public var bytes: ByteFormatter

    public init(bytes: ByteFormatter = ByteFormatter()) {
        self.bytes = bytes
    }

    /// Every image; after several, the layers they share.
    public func render(_ reports: [ImageReport]) -> String {
        reports.map(render).joined(separator: "\n") + (reports.count > 1 ? fleet(FleetLayers(reports)) : "")
    }

    func fleet(_ layers: FleetLayers) -> String {
        layers.table(bytes).markdown() + "\n" + layers.line(bytes) + "\n"
    }

    public func render(_ report: ImageReport) -> String {
        let image = report.image
        var out = "## Image `\(image.name)`\n\n"
        var facts = TextTable(headers: ["measure", "size", "bytes"], alignments: [.left, .right, .right])
        facts.add(["content (docker images SIZE)", bytes.string(image.contentBytes), groupedInteger(image.contentBytes)])
        facts.add(["final (visible after merge)", bytes.string(image.finalBytes), groupedInteger(image.finalBytes)])
        facts.add(["wasted (overwritten or deleted)", bytes.string(image.wastedBytes), groupedInteger(image.wastedBytes)])
        facts.add([
            "compressed, as pulled (\(ByteFormatter.compressedLabel(image.compressedBytesSource, errorBound: image.compressedBytesErrorBound)))",
            image.compressedBytes.map(bytes.string) ?? "unknown", image.compressedBytes.map(groupedInteger) ?? "",
        ])
        out += "Platform: \(image.platform?.description ?? "unknown") · \(Plural.count(image.layers.count, "layer")) · "
        out += "\(image.fileCount == 1 ? "1 file" : groupedInteger(Int64(image.fileCount)) + " files")\n\n"
        out += facts.markdown()
        if let ledger = report.ledger { out += categories(ledger) }
        let tables = InspectTables(bytes: bytes)
        out += tables.layers(image, stepWidth: 100).markdown()
        out += tables.lists(report).map { $0.markdown() }.joined()
        if let ledger = report.ledger { out += packages(ledger, top: report.top) + duplicateFiles(ledger) + findings(ledger) }
        out += savingsPlan(report)
        if !report.notes.isEmpty {
            out += "\n### Notes\n\n" + report.notes.map { "- \($0)\n" }.joined()
        }
        return out
    }
}
