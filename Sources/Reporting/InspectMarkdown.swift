import ImageModel

/// The Markdown rendering of `inspect`, for pull requests and wikis.
public struct InspectMarkdown: Sendable {
    public var bytes: ByteFormatter

    public init(bytes: ByteFormatter = ByteFormatter()) {
        self.bytes = bytes
    }

    public func render(_ reports: [ImageReport]) -> String {
        reports.map(render).joined(separator: "\n")
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
        out += "Platform: \(image.platform?.description ?? "unknown") · layers: \(image.layers.count) · files: \(groupedInteger(Int64(image.fileCount)))\n\n"
        out += facts.markdown()
        if let ledger = report.ledger { out += categories(ledger) }
        out += "\n### Layers\n\n"
        var layers = TextTable(
            headers: ["#", "size", "files", "wasted", "compressed", "created by"],
            alignments: [.right, .right, .right, .right, .right, .left])
        for layer in image.layers {
            let step = HistoryStep.short(layer.createdBy).truncated(to: 100)
            layers.add([
                String(layer.index), bytes.string(layer.contentBytes), groupedInteger(Int64(layer.fileCount)),
                bytes.string(layer.wastedBytes),
                layer.compressedBytes == nil
                    ? "–"
                    : bytes.compressed(
                        layer.compressedBytes, source: layer.compressedBytesSource,
                        errorBound: layer.compressedBytesErrorBound),
                step.isEmpty ? "" : "`\(step.replacingAll("`", with: "'"))`",
            ])
        }
        out += layers.markdown()
        if !report.summary.largestFiles.isEmpty {
            out += "\n### Largest files\n\n"
            var files = TextTable(headers: ["size", "layer", "path"], alignments: [.right, .right, .left])
            for item in report.summary.largestFiles {
                files.add([bytes.string(item.sizeBytes), item.layer.map(String.init) ?? "", "`\(item.path)`"])
            }
            out += files.markdown()
            out += "\n### Largest directories\n\n"
            var directories = TextTable(headers: ["size", "files", "path"], alignments: [.right, .right, .left])
            for item in report.summary.largestDirectories {
                directories.add([bytes.string(item.sizeBytes), groupedInteger(Int64(item.fileCount)), "`\(item.path)/`"])
            }
            out += directories.markdown()
        }
        if let ledger = report.ledger { out += packages(ledger, top: report.top) + findings(ledger) }
        if !report.notes.isEmpty {
            out += "\n### Notes\n\n" + report.notes.map { "- \($0)\n" }.joined()
        }
        return out
    }
}
