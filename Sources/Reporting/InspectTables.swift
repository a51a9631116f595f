import ImageModel

/// The tables `inspect` shows for one image, made once for the terminal and Markdown renderings:
/// layers, largest files, largest directories, and the largest wasted copies (what dive users
/// look at first). `--top` sets the length of the lists.
public struct InspectTables: Sendable {
    public var bytes: ByteFormatter

    public init(bytes: ByteFormatter) {
        self.bytes = bytes
    }

    public func layers(_ image: LoadedImage, stepWidth: Int) -> ReportTable {
        var table = ReportTable(
            title: "Layers", headers: ["#", "size", "files", "wasted", "compressed", "created by"],
            alignments: [.right, .right, .right, .right, .right, .left])
        for layer in image.layers {
            table.add([
                ReportTable.Cell(String(layer.index)), ReportTable.Cell(bytes.string(layer.contentBytes)),
                ReportTable.Cell(groupedInteger(Int64(layer.fileCount))), ReportTable.Cell(bytes.string(layer.wastedBytes)),
                ReportTable.Cell(
                    layer.compressedBytes == nil
                        ? "–"
                        : bytes.compressed(
                            layer.compressedBytes, source: layer.compressedBytesSource, errorBound: layer.compressedBytesErrorBound)),
                .code(HistoryStep.short(layer.createdBy).truncated(to: stepWidth)),
            ])
        }
        return table
    }

    /// Largest files, largest directories and largest wasted copies; empty lists are left out.
    public func lists(_ report: ImageReport) -> [ReportTable] {
        var tables: [ReportTable] = []
        let files = report.summary.largestFiles.prefix(report.top)
        if !files.isEmpty {
            var table = ReportTable(title: "Largest files", headers: ["size", "layer", "path"], alignments: [.right, .right, .left])
            for item in files {
                table.add([ReportTable.Cell(bytes.string(item.sizeBytes)), ReportTable.Cell(item.layer.map(String.init) ?? ""), .code(item.path)])
            }
            tables.append(table)
        }
        let directories = report.summary.largestDirectories.prefix(report.top)
        if !directories.isEmpty {
            var table = ReportTable(
                title: "Largest directories", headers: ["size", "files", "path"], alignments: [.right, .right, .left])
            for item in directories {
                table.add([
                    ReportTable.Cell(bytes.string(item.sizeBytes)), ReportTable.Cell(groupedInteger(Int64(item.fileCount))),
                    .code(item.path + "/"),
                ])
            }
            tables.append(table)
        }
        let wasted = report.image.largestWasted.prefix(report.top)
        if !wasted.isEmpty {
            var table = ReportTable(
                title: "Largest wasted files", headers: ["size", "layer", "by layer", "reason", "path"],
                alignments: [.right, .right, .right, .left, .left])
            for file in wasted {
                table.add([
                    ReportTable.Cell(bytes.string(file.sizeBytes)), ReportTable.Cell(String(file.layer)),
                    ReportTable.Cell(String(file.supersededBy)), ReportTable.Cell(file.reason.rawValue), .code(file.path),
                ])
            }
            tables.append(table)
        }
        return tables
    }
}
