import Charts
import StableJSON

/// A history record that cannot be read: the file and what is wrong with it, on one line.
public struct HistoryRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The record's path relative to the history directory.
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

/// Decodes one history record (`kind: plimsoll-measurement`, schema version 1) strictly: every
/// field the trend uses must be present with its type, so a broken record is named, never
/// half-read. Fields the trend does not use (layers, packages, ...) and keys added by later
/// writers are not checked here.
public enum MeasurementDecoder {
    public static let kind = "plimsoll-measurement"
    public static let schemaVersion: Int64 = 1

    public static func decode(_ bytes: [UInt8], file: String) throws(HistoryRecordError) -> MeasurementRecord {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw HistoryRecordError(file: file, message: "not valid JSON: \(error.description)")
        }
        return try decode(document, file: file)
    }

    public static func decode(_ document: JSONValue, file: String) throws(HistoryRecordError) -> MeasurementRecord {
        let reader = FieldReader(file: file, path: "")
        guard document.objectValue != nil else {
            throw HistoryRecordError(file: file, message: "expected an object, found \(document.kindDescription)")
        }
        let version = try reader.int(document, "schemaVersion")
        guard version == schemaVersion else {
            throw HistoryRecordError(file: file, message: "unsupported schemaVersion \(version) (this plimsoll reads \(schemaVersion))")
        }
        let kind = try reader.string(document, "kind")
        guard kind == Self.kind else {
            throw HistoryRecordError(file: file, message: "'kind' is '\(kind)', expected '\(Self.kind)'")
        }
        let recordedText = try reader.string(document, "recordedAt")
        guard let recordedAt = UTCTimestamp(parsing: recordedText), recordedText.count > 10 else {
            throw HistoryRecordError(file: file, message: "'recordedAt' is not an RFC 3339 time: '\(recordedText)'")
        }
        let name = try reader.string(document, "name")
        guard !name.isEmpty else { throw HistoryRecordError(file: file, message: "'name' is empty") }

        var limits = MeasurementRecord.Limits()
        if let object = try reader.optionalObject(document, "limits") {
            let inner = FieldReader(file: file, path: "limits.")
            limits.warnBytes = try inner.optionalBytes(object, "warnBytes")
            limits.failBytes = try inner.optionalBytes(object, "failBytes")
            limits.targetBytes = try inner.optionalBytes(object, "targetBytes")
        }
        var growth = MeasurementRecord.GrowthRules()
        if let object = try reader.optionalObject(document, "growth") {
            let inner = FieldReader(file: file, path: "growth.")
            growth.floorBytes = try inner.optionalBytes(object, "floorBytes")
            growth.warnBytes = try inner.optionalBytes(object, "warnBytes")
            growth.warnPercent = try inner.optionalNumber(object, "warnPercent")
            growth.failBytes = try inner.optionalBytes(object, "failBytes")
            growth.failPercent = try inner.optionalNumber(object, "failPercent")
        }
        var verdict: MeasurementRecord.Verdict?
        if let text = try reader.optionalString(document, "verdict") {
            guard let value = MeasurementRecord.Verdict(rawValue: text) else {
                throw HistoryRecordError(file: file, message: "'verdict' is '\(text)', expected pass, warn or fail")
            }
            verdict = value
        }
        var categories: [MeasurementRecord.Category] = []
        for (index, item) in try reader.optionalArray(document, "categories").enumerated() {
            let inner = FieldReader(file: file, path: "categories[\(index)].")
            categories.append(.init(name: try inner.string(item, "name"), bytes: try inner.bytes(item, "bytes")))
        }
        var tags: [String] = []
        for (index, item) in try reader.optionalArray(document, "tags").enumerated() {
            guard let tag = item.stringValue else {
                throw HistoryRecordError(file: file, message: "'tags[\(index)]' is \(item.kindDescription), expected a string")
            }
            tags.append(tag)
        }
        return MeasurementRecord(
            name: name, recordedAt: recordedAt, imageDigest: try reader.optionalString(document, "imageDigest"),
            tags: tags, contentBytes: try reader.bytes(document, "contentBytes"),
            finalBytes: try reader.optionalBytes(document, "finalBytes"),
            wastedBytes: try reader.optionalBytes(document, "wastedBytes"),
            compressedBytes: try reader.optionalBytes(document, "compressedBytes"),
            limits: limits, growth: growth, verdict: verdict, categories: categories, source: file)
    }
}

/// Reads typed fields and names the key in every error.
struct FieldReader {
    var file: String
    var path: String

    func fail(_ key: String, _ problem: String) -> HistoryRecordError {
        HistoryRecordError(file: file, message: "'\(path)\(key)' \(problem)")
    }

    func value(_ object: JSONValue, _ key: String) throws(HistoryRecordError) -> JSONValue {
        guard object.objectValue != nil else { throw fail(key, "cannot be read: its parent is \(object.kindDescription)") }
        guard let value = object[key] else { throw fail(key, "is missing") }
        return value
    }

    func string(_ object: JSONValue, _ key: String) throws(HistoryRecordError) -> String {
        let found = try value(object, key)
        guard let text = found.stringValue else { throw fail(key, "is \(found.kindDescription), expected a string") }
        return text
    }

    func int(_ object: JSONValue, _ key: String) throws(HistoryRecordError) -> Int64 {
        let found = try value(object, key)
        guard let number = found.intValue else { throw fail(key, "is \(found.kindDescription), expected an integer") }
        return number
    }

    func bytes(_ object: JSONValue, _ key: String) throws(HistoryRecordError) -> Int64 {
        let number = try int(object, key)
        guard number >= 0 else { throw fail(key, "is negative (\(number))") }
        return number
    }

    func optionalString(_ object: JSONValue, _ key: String) throws(HistoryRecordError) -> String? {
        guard let found = object[key], !found.isNull else { return nil }
        guard let text = found.stringValue else { throw fail(key, "is \(found.kindDescription), expected a string or null") }
        return text
    }

    func optionalInt(_ object: JSONValue, _ key: String) throws(HistoryRecordError) -> Int64? {
        guard let found = object[key], !found.isNull else { return nil }
        guard let number = found.intValue else { throw fail(key, "is \(found.kindDescription), expected an integer or null") }
        return number
    }

    func optionalNumber(_ object: JSONValue, _ key: String) throws(HistoryRecordError) -> Double? {
        guard let found = object[key], !found.isNull else { return nil }
        guard let number = found.doubleValue else { throw fail(key, "is \(found.kindDescription), expected a number or null") }
        return number
    }

    func optionalBytes(_ object: JSONValue, _ key: String) throws(HistoryRecordError) -> Int64? {
        guard let number = try optionalInt(object, key) else { return nil }
        guard number >= 0 else { throw fail(key, "is negative (\(number))") }
        return number
    }

    func optionalObject(_ object: JSONValue, _ key: String) throws(HistoryRecordError) -> JSONValue? {
        guard let found = object[key], !found.isNull else { return nil }
        guard found.objectValue != nil else { throw fail(key, "is \(found.kindDescription), expected an object or null") }
        return found
    }

    func optionalArray(_ object: JSONValue, _ key: String) throws(HistoryRecordError) -> [JSONValue] {
        guard let found = object[key], !found.isNull else { return [] }
        guard let items = found.arrayValue else { throw fail(key, "is \(found.kindDescription), expected a list") }
        return items
    }
}
