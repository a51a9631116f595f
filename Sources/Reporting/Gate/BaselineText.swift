import ImageModel
import SizeGate

/// `baseline show NAME`: the rules in force for an image, each with the file that set it, and the
/// recorded measurement.
public struct BaselineText: Sendable {
    public var bytes: ByteFormatter

    public init(bytes: ByteFormatter = ByteFormatter()) {
        self.bytes = bytes
    }

    /// The text `baseline show` prints.
    public func render(name: String, rules: GateRules, files: [String], hasImageFile: Bool, description: String?) -> String {
        var out = "Baseline for \(name)\n"
        out += "  files: \(files.isEmpty ? GateRules.builtInLabel : files.joined(separator: " + "))"
        out += hasImageFile ? "\n" : " (no \(name).json: defaults apply)\n"
        if let description { out += "  description: \(description)\n" }
        var table = TextTable(headers: ["rule", "value", "set by"], alignments: [.left, .right, .left])
        func size(_ key: String, _ value: Int64?) {
            guard let value else { return }
            table.add([key, "\(bytes.string(value)) (\(groupedInteger(value)) B)", rules.setBy[key] ?? ""])
        }
        func percent(_ key: String, _ value: Double?) {
            guard let value else { return }
            table.add([key, ByteFormatter.fixed(value, decimals: 2) + "%", rules.setBy[key] ?? ""])
        }
        size("limits.warn", rules.warnBytes)
        size("limits.fail", rules.failBytes)
        size("limits.target", rules.targetBytes)
        size("limits.targetStart", rules.targetStartBytes)
        size("compressed.warn", rules.compressedWarnBytes)
        size("compressed.fail", rules.compressedFailBytes)
        size("growth.floor", rules.growthFloorBytes)
        size("growth.warn.bytes", rules.growthWarnBytes)
        percent("growth.warn.percent", rules.growthWarnPercent)
        size("growth.fail.bytes", rules.growthFailBytes)
        percent("growth.fail.percent", rules.growthFailPercent)
        for budget in rules.categoryBudgets {
            let kind = RuleKind.category(budget.category)
            size(kind.keyPath(.warn), budget.warnBytes)
            size(kind.keyPath(.fail), budget.failBytes)
        }
        out += "\n" + table.render(indent: "  ")
        if !rules.ignorePaths.isEmpty {
            out += "\n  ignorePaths (\(rules.setBy["ignorePaths"] ?? "")): \(rules.ignorePaths.map(\.text).joined(separator: ", "))\n"
        }
        guard let recorded = rules.recorded else {
            return out + "\n  No recorded measurement: growth rules are skipped until `plimsoll baseline record` runs.\n"
        }
        out += "\nRecorded \(recorded.recordedAt.rfc3339)"
        if let digest = recorded.imageDigest { out += ", image \(ImageDigest.display(digest))" }
        if !recorded.tags.isEmpty { out += ", \(recorded.tags.joined(separator: ", "))" }
        out += "\n"
        var figures = TextTable(headers: ["measure", "size", "bytes"], alignments: [.left, .right, .right])
        figures.add(["content", bytes.string(recorded.contentBytes), groupedInteger(recorded.contentBytes)])
        figures.add(["final", bytes.string(recorded.finalBytes), groupedInteger(recorded.finalBytes)])
        figures.add(["wasted", bytes.string(recorded.wastedBytes), groupedInteger(recorded.wastedBytes)])
        if recorded.ignoredBytes > 0 {
            figures.add(["ignored", bytes.string(recorded.ignoredBytes), groupedInteger(recorded.ignoredBytes)])
        }
        figures.add([
            "compressed (\(recorded.compressedBytesSource.rawValue))", recorded.compressedBytes.map(bytes.string) ?? "unknown",
            recorded.compressedBytes.map(groupedInteger) ?? "",
        ])
        out += figures.render(indent: "  ")
        out += "  \(Plural.count(recorded.layers.count, "layer")), \(Plural.count(recorded.categories.count, "category", plural: "categories")), \(Plural.count(recorded.packages.count, "package"))\n"
        return out
    }
}
