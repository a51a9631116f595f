import ImageModel
import StableJSON

/// One measurement as kept in `Reports/history/<NAME>/`, with the limits and verdict in force
/// when it was taken. The trend report reads these; the format is a contract (Docs/gate.md,
/// "History"): one file per measurement, never appended to.
public struct HistoryRecord: Sendable, Equatable {
    public static let schemaVersion: Int64 = 1
    public static let kind = "plimsoll-measurement"

    public var measurement: ImageMeasurement
    public var warnBytes: Int64?
    public var failBytes: Int64?
    public var targetBytes: Int64?
    public var growthFloorBytes: Int64?
    public var growthWarnBytes: Int64?
    public var growthWarnPercent: Double?
    public var growthFailBytes: Int64?
    public var growthFailPercent: Double?
    public var verdict: Verdict
    /// Progress towards the target as the gate computed it (with the start it used), so that the
    /// trend reports the very same figures; nil without a target, or in records written before
    /// plimsoll stored it.
    public var progress: TargetProgress?

    public init(
        measurement: ImageMeasurement, warnBytes: Int64?, failBytes: Int64?, targetBytes: Int64?, growthFloorBytes: Int64?,
        growthWarnBytes: Int64?, growthWarnPercent: Double?, growthFailBytes: Int64?, growthFailPercent: Double?,
        verdict: Verdict, progress: TargetProgress? = nil
    ) {
        self.progress = progress
        self.measurement = measurement
        self.warnBytes = warnBytes
        self.failBytes = failBytes
        self.targetBytes = targetBytes
        self.growthFloorBytes = growthFloorBytes
        self.growthWarnBytes = growthWarnBytes
        self.growthWarnPercent = growthWarnPercent
        self.growthFailBytes = growthFailBytes
        self.growthFailPercent = growthFailPercent
        self.verdict = verdict
    }

    /// The record of an evaluation.
    public init(_ evaluation: Evaluation) {
        let rules = evaluation.rules
        self.init(
            measurement: evaluation.measurement, warnBytes: rules.warnBytes, failBytes: rules.failBytes,
            targetBytes: rules.targetBytes, growthFloorBytes: rules.growthFloorBytes, growthWarnBytes: rules.growthWarnBytes,
            growthWarnPercent: rules.growthWarnPercent, growthFailBytes: rules.growthFailBytes,
            growthFailPercent: rules.growthFailPercent, verdict: evaluation.verdict, progress: evaluation.progress)
    }

    /// The rules the record carries (limits, target and growth levels, no provenance), so that a
    /// reader of the history judges growth with the gate's own evaluator.
    public var rules: GateRules {
        GateRules(
            warnBytes: warnBytes, failBytes: failBytes, targetBytes: targetBytes, growthFloorBytes: growthFloorBytes,
            growthWarnBytes: growthWarnBytes, growthWarnPercent: growthWarnPercent, growthFailBytes: growthFailBytes,
            growthFailPercent: growthFailPercent)
    }

    /// `<yyyyMMddTHHmmssZ>-<first 12 hex of the image digest, or "nodigest">-<random>.json`.
    /// Names sort by time; the random part keeps two checks in the same second apart.
    public func fileName(randomHex: String) -> String {
        "\(measurement.recordedAt.compact)-\(Self.digestPart(measurement.imageDigest))-\(randomHex).json"
    }

    static func digestPart(_ digest: String?) -> String {
        guard let digest else { return "nodigest" }
        let prefix = ImageDigest.short(digest).lowercased()
        guard prefix.count == 12, prefix.allSatisfy({ $0.isHexDigit }) else { return "nodigest" }
        return prefix
    }

    public var json: JSONValue {
        var members = [
            JSONMember("schemaVersion", .int(Self.schemaVersion)),
            JSONMember("kind", .string(Self.kind)),
        ]
        members += MeasurementJSON.figures(measurement, includeName: true, includeIgnored: false)
        members.append(
            JSONMember(
                "limits", ["warnBytes": .int(warnBytes), "failBytes": .int(failBytes), "targetBytes": .int(targetBytes)]))
        members.append(
            JSONMember(
                "growth",
                [
                    "floorBytes": .int(growthFloorBytes), "warnBytes": .int(growthWarnBytes),
                    "warnPercent": growthWarnPercent.map { .double($0) } ?? .null, "failBytes": .int(growthFailBytes),
                    "failPercent": growthFailPercent.map { .double($0) } ?? .null,
                ]))
        members.append(JSONMember("verdict", .string(verdict.rawValue)))
        members.append(JSONMember("progress", progress?.json ?? .null))
        members += MeasurementJSON.breakdown(measurement)
        return .object(members)
    }

    /// The file's text (pretty JSON).
    public var text: String { JSONWriter.pretty(json) }

    /// Reads a history file. Keys this version does not know are ignored, so a newer plimsoll
    /// may add fields; a different `schemaVersion` or `kind` is an error.
    public static func decode(_ bytes: [UInt8], file: String) throws(DocumentError) -> HistoryRecord {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw DocumentError(file: file, problem: .syntax(error.description))
        }
        let reader = try ObjectReader(json, file: file, path: "", known: nil)
        guard let version = try reader.int("schemaVersion") else { throw DocumentError(file: file, problem: .missingVersion) }
        guard version == schemaVersion else {
            throw reader.error("schemaVersion", .unsupportedVersion(version, supported: schemaVersion))
        }
        let kindText = try reader.requireString("kind")
        guard kindText == kind else { throw reader.error("kind", .badValue("'\(kindText)' is not '\(kind)'")) }
        let measurement = try MeasurementJSON.decode(reader, name: nil, strict: false)
        let limits = try reader.object("limits", known: nil)
        let growth = try reader.object("growth", known: nil)
        func percent(_ key: String) throws(DocumentError) -> Double? {
            guard let growth, let value = growth.value(key), !value.isNull else { return nil }
            guard let number = value.doubleValue else { throw growth.wrongType(key, "a number", value) }
            return number
        }
        let verdictText = try reader.requireString("verdict")
        guard let verdict = Verdict(rawValue: verdictText) else {
            throw reader.error("verdict", .badValue("'\(verdictText)' is not one of pass, warn, fail"))
        }
        var progress: TargetProgress?
        if let object = try reader.object("progress", known: nil) { progress = try TargetProgress.decode(object) }
        return HistoryRecord(
            measurement: measurement, warnBytes: try limits?.bytes("warnBytes"), failBytes: try limits?.bytes("failBytes"),
            targetBytes: try limits?.bytes("targetBytes"), growthFloorBytes: try growth?.bytes("floorBytes"),
            growthWarnBytes: try growth?.bytes("warnBytes"), growthWarnPercent: try percent("warnPercent"),
            growthFailBytes: try growth?.bytes("failBytes"), growthFailPercent: try percent("failPercent"),
            verdict: verdict, progress: progress)
    }
}
