import Charts
import ImageModel
import SizeAccounting
import StableJSON

/// The JSON form of an `ImageMeasurement`, shared by baselines (`recorded`), history records and check
/// reports, so that each can be read back into the same value.
public enum MeasurementJSON {
    /// The scalar figures, in document order: name (when asked), recordedAt, imageDigest, tags,
    /// contentBytes, finalBytes, wastedBytes, [ignoredBytes], compressedBytes, compressedBytesSource,
    /// compressedBytesErrorBound (null unless the compressed size is an estimate).
    public static func figures(_ measurement: ImageMeasurement, includeName: Bool, includeIgnored: Bool) -> [JSONMember] {
        var members: [JSONMember] = []
        if includeName { members.append(JSONMember("name", .string(measurement.name))) }
        members += [
            JSONMember("recordedAt", .string(measurement.recordedAt.rfc3339)),
            JSONMember("imageDigest", .string(measurement.imageDigest)),
            JSONMember("tags", .strings(measurement.tags)),
            JSONMember("contentBytes", .int(measurement.contentBytes)),
            JSONMember("finalBytes", .int(measurement.finalBytes)),
            JSONMember("wastedBytes", .int(measurement.wastedBytes)),
        ]
        if includeIgnored { members.append(JSONMember("ignoredBytes", .int(measurement.ignoredBytes))) }
        members += [
            JSONMember("compressedBytes", .int(measurement.compressedBytes)),
            JSONMember("compressedBytesSource", .string(measurement.compressedBytesSource.rawValue)),
            JSONMember("compressedBytesErrorBound", measurement.compressedBytesErrorBound.map { .double($0) } ?? .null),
        ]
        return members
    }

    /// categories, layers, packages.
    public static func breakdown(_ measurement: ImageMeasurement) -> [JSONMember] {
        [
            JSONMember(
                "categories",
                .array(
                    measurement.categories.map {
                        ["name": .string($0.category.rawValue), "bytes": .int($0.bytes), "fileCount": .int(Int64($0.fileCount))]
                    })),
            JSONMember(
                "layers",
                .array(
                    measurement.layers.map {
                        [
                            "index": .int($0.index), "diffID": .string($0.diffID), "createdBy": .string($0.createdBy),
                            "contentBytes": .int($0.contentBytes), "blobDigest": .string($0.blobDigest),
                            "compressedBytes": .int($0.compressedBytes),
                        ]
                    })),
            JSONMember(
                "packages",
                .array(
                    measurement.packages.map {
                        [
                            "ecosystem": .string($0.ecosystem.rawValue), "name": .string($0.name),
                            "version": .string($0.version), "sizeBytes": .int($0.sizeBytes),
                            "fileCount": .int(Int64($0.fileCount)), "scope": .string($0.scope?.rawValue),
                            "paths": .strings($0.paths),
                        ]
                    })),
        ]
    }

    /// The whole measurement as one object (check reports, baselines' `recorded`).
    public static func object(_ measurement: ImageMeasurement, includeName: Bool = true) -> JSONValue {
        .object(figures(measurement, includeName: includeName, includeIgnored: true) + breakdown(measurement))
    }

    static let figureKeys = [
        "recordedAt", "imageDigest", "tags", "contentBytes", "finalBytes", "wastedBytes", "ignoredBytes",
        "compressedBytes", "compressedBytesSource", "compressedBytesErrorBound",
    ]
    static let breakdownKeys = ["categories", "layers", "packages"]

    /// The `layers` array of a measurement, or of an `inspect --format json` image, which names its
    /// layers' keys alike. `blobDigest` and `compressedBytes` are optional: older files lack them.
    static func layers(_ reader: ObjectReader, strict: Bool) throws(DocumentError) -> [LayerMeasurement] {
        let layerKeys = strict ? ["index", "diffID", "createdBy", "contentBytes", "blobDigest", "compressedBytes"] : nil
        var layers: [LayerMeasurement] = []
        for layer in try reader.objects("layers", known: layerKeys) {
            layers.append(
                LayerMeasurement(
                    index: Int(try layer.requireInt("index")), diffID: try layer.string("diffID"),
                    createdBy: try layer.string("createdBy"), contentBytes: try layer.requireBytes("contentBytes"),
                    blobDigest: try layer.string("blobDigest"), compressedBytes: try layer.bytes("compressedBytes")))
        }
        return layers
    }

    /// Reads a measurement from `reader`. `name` is used when the object has no "name" key.
    static func decode(_ reader: ObjectReader, name fallbackName: String?, strict: Bool) throws(DocumentError) -> ImageMeasurement {
        let name: String
        if let written = try reader.string("name") {
            name = written
        } else if let fallbackName {
            name = fallbackName
        } else {
            throw reader.error("name", .missingKey)
        }
        let recordedText = try reader.requireString("recordedAt")
        guard let recordedAt = UTCTimestamp(rfc3339: recordedText) else {
            throw reader.error("recordedAt", .badValue("'\(recordedText)' is not an RFC 3339 time such as 2025-03-01T12:00:00Z"))
        }
        let sourceText = try reader.string("compressedBytesSource") ?? CompressedBytesSource.unknown.rawValue
        guard let source = CompressedBytesSource(rawValue: sourceText) else {
            throw reader.error("compressedBytesSource", .badValue("'\(sourceText)' is not one of stored, exact, estimated, unknown"))
        }
        var errorBound: Double?
        if let value = reader.value("compressedBytesErrorBound"), !value.isNull {
            guard let number = value.doubleValue, number.isFinite, number >= 0 else {
                throw reader.wrongType("compressedBytesErrorBound", "a non-negative number", value)
            }
            errorBound = number
        }
        let layers = try self.layers(reader, strict: strict)
        // fileCount and paths were added to the same schema version: files written before read
        // back with 0 and no paths (no report made from a stored measurement shows either).
        var categories: [SizeLedger.CategoryTotal] = []
        for category in try reader.objects("categories", known: strict ? ["name", "bytes", "fileCount"] : nil) {
            categories.append(
                SizeLedger.CategoryTotal(
                    category: try category.requireEnum("name", SizeCategory.self), bytes: try category.requireBytes("bytes"),
                    fileCount: Int(try category.int("fileCount") ?? 0)))
        }
        var packages: [InstalledPackage] = []
        let packageKeys = strict ? ["ecosystem", "name", "version", "sizeBytes", "fileCount", "scope", "paths"] : nil
        for package in try reader.objects("packages", known: packageKeys) {
            packages.append(
                InstalledPackage(
                    ecosystem: try package.requireEnum("ecosystem", InstalledPackage.Ecosystem.self),
                    name: try package.requireString("name"), version: try package.string("version"),
                    sizeBytes: try package.requireBytes("sizeBytes"), fileCount: Int(try package.int("fileCount") ?? 0),
                    scope: try package.optionalEnum("scope", InstalledPackage.Scope.self), paths: try package.strings("paths") ?? []))
        }
        return ImageMeasurement(
            name: name, recordedAt: recordedAt, imageDigest: try reader.string("imageDigest"),
            tags: try reader.strings("tags") ?? [], contentBytes: try reader.requireBytes("contentBytes"),
            finalBytes: try reader.requireBytes("finalBytes"), wastedBytes: try reader.requireBytes("wastedBytes"),
            ignoredBytes: try reader.bytes("ignoredBytes") ?? 0, compressedBytes: try reader.bytes("compressedBytes"),
            compressedBytesSource: source, compressedBytesErrorBound: errorBound, layers: layers, categories: categories, packages: packages)
    }
}
