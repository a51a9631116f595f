import StableJSON

/// Writes baseline files for people to read and review: pretty-printed, keys always in the same
/// order (schemaVersion, description, requireBaseline, limits, compressed, growth, categories, ignorePaths,
/// recorded), sizes kept as they were written ("500MB" stays "500MB").
public enum BaselineEncoder {
    public static func json(_ document: BaselineDocument) -> JSONValue {
        var members = [JSONMember("schemaVersion", .int(BaselineDocument.currentSchemaVersion))]
        if let description = document.description { members.append(JSONMember("description", .string(description))) }
        if let required = document.requireBaseline { members.append(JSONMember("requireBaseline", .bool(required))) }
        let limits = sizes([
            ("warn", document.limits.warn), ("fail", document.limits.fail), ("target", document.limits.target),
            ("targetStart", document.limits.targetStart),
        ])
        if !limits.isEmpty { members.append(JSONMember("limits", .object(limits))) }
        let compressed = sizes([("warn", document.compressed.warn), ("fail", document.compressed.fail)])
        if !compressed.isEmpty { members.append(JSONMember("compressed", .object(compressed))) }
        var growth = sizes([("floor", document.growth.floor)])
        for (key, level) in [("warn", document.growth.warn), ("fail", document.growth.fail)] {
            var levelMembers = sizes([("bytes", level.bytes)])
            switch level.percent {
            case .inherit: break
            case .cleared: levelMembers.append(JSONMember("percent", .null))
            case .value(let percent): levelMembers.append(JSONMember("percent", percent.written))
            }
            if !levelMembers.isEmpty { growth.append(JSONMember(key, .object(levelMembers))) }
        }
        if !growth.isEmpty { members.append(JSONMember("growth", .object(growth))) }
        if !document.categories.isEmpty {
            let budgets = document.categories.sorted { $0.category.rawValue < $1.category.rawValue }.map {
                JSONMember($0.category.rawValue, .object(sizes([("warn", $0.warn), ("fail", $0.fail)])))
            }
            members.append(JSONMember("categories", .object(budgets)))
        }
        switch document.ignorePaths {
        case .inherit: break
        case .cleared: members.append(JSONMember("ignorePaths", .null))
        case .value(let patterns): members.append(JSONMember("ignorePaths", .strings(patterns.map(\.text))))
        }
        if let recorded = document.recorded {
            members.append(JSONMember("recorded", MeasurementJSON.object(recorded, includeName: false)))
        }
        return .object(members)
    }

    /// The file's text: pretty JSON ending in a newline.
    public static func text(_ document: BaselineDocument) -> String {
        JSONWriter.pretty(json(document))
    }

    private static func sizes(_ settings: [(String, Setting<SizeSetting>)]) -> [JSONMember] {
        settings.compactMap { key, setting in
            switch setting {
            case .inherit: return nil
            case .cleared: return JSONMember(key, .null)
            case .value(let size): return JSONMember(key, size.written.map { .string($0) } ?? .int(size.bytes))
            }
        }
    }
}
