import SizeAccounting
import StableJSON

/// Reads baseline files strictly: a header (`schemaVersion`) first, then the version's schema.
/// Every unknown key, wrong type, bad size or broken file is a `DocumentError`; nothing falls
/// back to a default silently.
public enum BaselineDecoder {
    static let topKeys = [
        "schemaVersion", "description", "requireBaseline", "limits", "compressed", "growth", "categories", "ignorePaths", "recorded",
    ]
    static let limitKeys = ["warn", "fail", "target", "targetStart"]
    static let levelKeys = ["warn", "fail"]
    static let growthKeys = ["floor", "warn", "fail"]
    static let growthLevelKeys = ["bytes", "percent"]

    /// Decodes one baseline file.
    /// - Parameters:
    ///   - file: how to name the file in errors (`Baselines/finance.json`).
    ///   - name: the image name the file belongs to; nil for defaults.json, which may not hold a
    ///     recorded measurement.
    public static func decode(_ bytes: [UInt8], file: String, name: String?) throws(DocumentError) -> BaselineDocument {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw DocumentError(file: file, problem: .syntax(error.description))
        }
        return try decode(json, file: file, name: name)
    }

    public static func decode(_ json: JSONValue, file: String, name: String?) throws(DocumentError) -> BaselineDocument {
        // The header alone first, so a newer file gets "unsupported version", not a key error.
        let header = try ObjectReader(json, file: file, path: "", known: nil)
        guard let versionValue = header.value("schemaVersion") else {
            throw DocumentError(file: file, problem: .missingVersion)
        }
        guard case .int(let version) = versionValue else {
            throw header.wrongType("schemaVersion", "an integer", versionValue)
        }
        guard version == BaselineDocument.currentSchemaVersion else {
            throw header.error(
                "schemaVersion", .unsupportedVersion(version, supported: BaselineDocument.currentSchemaVersion))
        }
        return try decodeVersion1(json, file: file, name: name)
    }

    private static func decodeVersion1(_ json: JSONValue, file: String, name: String?) throws(DocumentError) -> BaselineDocument {
        let root = try ObjectReader(json, file: file, path: "", known: topKeys)
        var document = BaselineDocument()
        document.description = try root.string("description")
        if let value = root.value("requireBaseline"), !value.isNull {
            guard name == nil else { throw root.error("requireBaseline", .onlyInDefaults) }
            guard case .bool(let required) = value else { throw root.wrongType("requireBaseline", "true or false", value) }
            document.requireBaseline = required
        }
        if let limits = try root.object("limits", known: limitKeys) {
            document.limits.warn = try size(limits, "warn")
            document.limits.fail = try size(limits, "fail")
            document.limits.target = try size(limits, "target")
            document.limits.targetStart = try size(limits, "targetStart")
        }
        if let compressed = try root.object("compressed", known: levelKeys) {
            document.compressed.warn = try size(compressed, "warn")
            document.compressed.fail = try size(compressed, "fail")
        }
        if let growth = try root.object("growth", known: growthKeys) {
            document.growth.floor = try size(growth, "floor")
            if let warn = try growth.object("warn", known: growthLevelKeys) {
                document.growth.warn = try level(warn)
            }
            if let fail = try growth.object("fail", known: growthLevelKeys) {
                document.growth.fail = try level(fail)
            }
        }
        if let categories = try root.object("categories", known: nil) {
            for key in categories.keys {
                let known = SizeCategory.allCases.sorted().map(\.rawValue)
                guard let category = SizeCategory(rawValue: key) else {
                    throw categories.error(key, .unknownCategory(key, known: known))
                }
                guard let budget = try categories.object(key, known: levelKeys) else {
                    throw categories.error(key, .wrongType(expected: "an object such as {\"fail\": \"0B\"}", found: "null"))
                }
                document.categories.append(
                    BaselineDocument.CategoryBudget(category: category, warn: try size(budget, "warn"), fail: try size(budget, "fail")))
            }
            document.categories.sort { $0.category.rawValue < $1.category.rawValue }
        }
        if let value = root.value("ignorePaths") {
            if value.isNull {
                document.ignorePaths = .cleared
            } else {
                var patterns: [PathPattern] = []
                for (index, text) in (try root.strings("ignorePaths") ?? []).enumerated() {
                    do {
                        patterns.append(try PathPattern(parsing: text))
                    } catch {
                        throw DocumentError(file: file, keyPath: "ignorePaths[\(index)]", problem: .badPattern("'\(text)': \(error.reason)"))
                    }
                }
                document.ignorePaths = .value(patterns)
            }
        }
        if let recorded = try root.object("recorded", known: MeasurementJSON.figureKeys + MeasurementJSON.breakdownKeys) {
            guard let name else { throw root.error("recorded", .notAllowedInDefaults) }
            document.recorded = try MeasurementJSON.decode(recorded, name: name, strict: true)
        }
        return document
    }

    private static func level(_ reader: ObjectReader) throws(DocumentError) -> BaselineDocument.GrowthLevel {
        var level = BaselineDocument.GrowthLevel()
        level.bytes = try size(reader, "bytes")
        level.percent = try percent(reader, "percent")
        return level
    }

    /// A size: `"500MB"`, integer bytes, or null to clear the inherited value.
    static func size(_ reader: ObjectReader, _ key: String) throws(DocumentError) -> Setting<SizeSetting> {
        guard let value = reader.value(key) else { return .inherit }
        switch value {
        case .null:
            return .cleared
        case .int(let bytes):
            guard bytes >= 0 else { throw reader.error(key, .badSize("sizes cannot be negative")) }
            return .value(SizeSetting(bytes: bytes))
        case .string(let text):
            do {
                return .value(SizeSetting(bytes: try ByteSize.parse(text), written: text))
            } catch {
                throw reader.error(key, .badSize(error.description))
            }
        case .double:
            throw reader.error(key, .badSize("\(JSONWriter.compact(value)) is not a size: write integer bytes or a string such as \"1.2GB\""))
        default:
            throw reader.error(key, .wrongType(expected: "a size such as \"500MB\" or integer bytes", found: value.kindDescription))
        }
    }

    /// A percentage: `5`, `2.5`, `"5%"`, or null.
    static func percent(_ reader: ObjectReader, _ key: String) throws(DocumentError) -> Setting<PercentSetting> {
        guard let value = reader.value(key) else { return .inherit }
        let number: Double
        switch value {
        case .null:
            return .cleared
        case .int, .double:
            number = value.doubleValue ?? 0
        case .string(let text):
            guard text.hasSuffix("%"), let parsed = Double(text.dropLast().trimmed(of: " ")), parsed.isFinite else {
                throw reader.error(key, .badPercent("'\(text)' is not a percentage: write a number such as 5 or \"5%\""))
            }
            number = parsed
        default:
            throw reader.error(key, .wrongType(expected: "a percentage such as 5 or \"5%\"", found: value.kindDescription))
        }
        guard number >= 0 else { throw reader.error(key, .badPercent("percentages cannot be negative")) }
        return .value(PercentSetting(percent: number, written: value))
    }
}

extension StringProtocol {
    func trimmed(of set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
