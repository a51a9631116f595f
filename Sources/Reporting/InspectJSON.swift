import ImageModel
import StableJSON

/// The `--format json` document of `inspect`: the machine contract (see README, "JSON report").
public enum InspectJSON {
    /// `fleet` (the layers the images share) is null unless there are two or more images.
    public static func document(_ reports: [ImageReport]) -> JSONValue {
        [
            "schemaVersion": .int(reportSchemaVersion),
            "images": .array(reports.map(image)),
            "fleet": reports.count > 1 ? FleetLayers(reports).json() : .null,
        ]
    }

    public static func image(_ report: ImageReport) -> JSONValue {
        let image = report.image
        return .object([
            JSONMember("name", .string(image.name)),
            JSONMember("input", .string(report.input)),
            JSONMember("tags", .strings(image.tags)),
            JSONMember("configDigest", .string(image.configDigest)),
            JSONMember("manifestDigest", .string(image.manifestDigest)),
            JSONMember("platform", .string(image.platform?.description)),
            JSONMember("user", .string(image.config.user)),
            JSONMember("workdir", .string(image.config.workdir)),
            JSONMember("healthcheck", .bool(image.config.healthcheck)),
            JSONMember("entrypoint", image.config.entrypoint.map(JSONValue.strings) ?? .null),
            JSONMember("cmd", image.config.cmd.map(JSONValue.strings) ?? .null),
            JSONMember("contentBytes", .int(image.contentBytes)),
            JSONMember("finalBytes", .int(image.finalBytes)),
            JSONMember("wastedBytes", .int(image.wastedBytes)),
            JSONMember("compressedBytes", .int(image.compressedBytes)),
            JSONMember("compressedBytesSource", .string(image.compressedBytesSource.rawValue)),
        ] + (image.compressedBytesErrorBound.map { [JSONMember("compressedBytesErrorBound", .double($0))] } ?? []) + [
            JSONMember("fileCount", .int(image.fileCount)),
            JSONMember("layers", .array(image.layers.map(layer))),
            JSONMember("wasteCauses", .array(image.wasteCauses.map(wasteCause))),
            JSONMember("largestFiles", .array(report.summary.largestFiles.prefix(ImageReport.documentTop).map(file))),
            JSONMember(
                "largestDirectories", .array(report.summary.largestDirectories.prefix(ImageReport.documentTop).map(directory))),
            JSONMember("largestWasted", .array(image.largestWasted.map(wasted))),
        ] + ledgerMembers(report) + planMembers(report) + [
            JSONMember("notes", .strings(report.notes)),
        ])
    }

    static func layer(_ layer: ImageLayer) -> JSONValue {
        var members = [
            JSONMember("index", .int(layer.index)),
            JSONMember("diffID", .string(layer.diffID)),
            JSONMember("blobDigest", .string(layer.blobDigest)),
            JSONMember("createdBy", .string(layer.createdBy)),
            JSONMember("mediaType", .string(layer.mediaType)),
            JSONMember("compression", .string(layer.compression.rawValue)),
            JSONMember("tarBytes", .int(layer.tarBytes)),
            JSONMember("contentBytes", .int(layer.contentBytes)),
            JSONMember("compressedBytes", .int(layer.compressedBytes)),
            JSONMember("compressedBytesSource", .string(layer.compressedBytesSource.rawValue)),
        ]
        if let bound = layer.compressedBytesErrorBound {
            members.append(JSONMember("compressedBytesErrorBound", .double(bound)))
        }
        members += [
            JSONMember("entryCount", .int(layer.entryCount)),
            JSONMember("fileCount", .int(layer.fileCount)),
            JSONMember("wastedBytes", .int(layer.wastedBytes)),
        ]
        return .object(members)
    }

    static func wasteCause(_ cause: WasteCause) -> JSONValue {
        [
            "layer": .int(cause.layer), "supersededBy": .int(cause.supersededBy),
            "bytes": .int(cause.bytes), "files": .int(cause.files),
        ]
    }

    static func file(_ item: FilesystemSummary.Item) -> JSONValue {
        ["path": .string(item.path), "sizeBytes": .int(item.sizeBytes), "layer": .int(item.layer.map(Int64.init))]
    }

    static func directory(_ item: FilesystemSummary.Item) -> JSONValue {
        ["path": .string(item.path), "sizeBytes": .int(item.sizeBytes), "fileCount": .int(item.fileCount)]
    }

    static func wasted(_ file: WastedFile) -> JSONValue {
        [
            "path": .string(file.path), "sizeBytes": .int(file.sizeBytes), "layer": .int(file.layer),
            "supersededBy": .int(file.supersededBy), "reason": .string(file.reason.rawValue),
        ]
    }
}
