import Charts
import ImageModel
import StableJSON

/// Reads a measurement back from a JSON file plimsoll wrote: a check report (`Reports/NAME.json`),
/// a history record, an `inspect --format json` document (with one image), or a baseline file
/// with a recorded measurement.
public enum SavedMeasurement {
    /// - Parameters:
    ///   - name: the name to give a measurement whose file does not say (a baseline's file name).
    ///   - fallbackTime: the time to give a measurement whose file does not say (inspect output).
    public static func decode(_ bytes: [UInt8], file: String, name: String, fallbackTime: UTCTimestamp) throws(DocumentError) -> ImageMeasurement {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw DocumentError(file: file, problem: .syntax(error.description))
        }
        let root = try ObjectReader(json, file: file, path: "", known: nil)
        let kind = try root.string("kind")
        if kind == HistoryRecord.kind { return try HistoryRecord.decode(bytes, file: file).measurement }
        if let version = try root.int("schemaVersion"), version != 1 {
            throw root.error("schemaVersion", .unsupportedVersion(version, supported: 1))
        }
        if kind == "plimsoll-check-report" {
            guard let measurement = try root.object("measurement", known: nil) else { throw root.error("measurement", .missingKey) }
            return try MeasurementJSON.decode(measurement, name: try root.string("name"), strict: false)
        }
        if let images = try root.array("images") {
            guard images.count == 1 else {
                throw root.error("images", .badValue("holds \(images.count) images; inspect one image (--image TAG) to compare it"))
            }
            return try inspected(try ObjectReader(images[0], file: file, path: "images[0]", known: nil), time: fallbackTime)
        }
        if root.value("recorded") != nil {
            let document = try BaselineDecoder.decode(json, file: file, name: name)
            if let recorded = document.recorded { return recorded }
        }
        throw DocumentError(
            file: file,
            problem: .badValue("not a check report, history record, inspect --format json output or baseline with a recorded measurement"))
    }

    private static func inspected(_ image: ObjectReader, time: UTCTimestamp) throws(DocumentError) -> ImageMeasurement {
        let sourceText = try image.string("compressedBytesSource") ?? "unknown"
        let layers = try MeasurementJSON.layers(image, strict: false)
        let tags = try image.strings("tags") ?? []
        let digest = try image.string("configDigest")
        let name = ImageNaming.name(explicit: nil, tags: tags, input: try image.string("input") ?? "-", digest: digest)
        return ImageMeasurement(
            name: name, recordedAt: time, imageDigest: digest, tags: tags, contentBytes: try image.requireBytes("contentBytes"),
            finalBytes: try image.requireBytes("finalBytes"), wastedBytes: try image.requireBytes("wastedBytes"),
            compressedBytes: try image.bytes("compressedBytes"),
            compressedBytesSource: CompressedBytesSource(rawValue: sourceText) ?? .unknown, layers: layers)
    }
}
