import SizeAccounting
import Testing

@testable import SizeGate

@Suite struct GateRulesTests {
    func document(_ text: String, name: String?) throws -> BaselineDocument {
        try BaselineDecoder.decode(Array(text.utf8), file: name.map { "\($0).json" } ?? "defaults.json", name: name)
    }

    @Test func imageFileOverridesDefaultsKeyByKey() throws {
        let defaults = try document(
            #"{"schemaVersion": 1, "limits": {"fail": "4GB", "target": "400MB"}, "growth": {"warn": {"bytes": "50MB", "percent": 5}}, "categories": {"dev-dependencies": {"warn": "0B"}}, "ignorePaths": ["/tmp/"]}"#,
            name: nil)
        let image = try document(
            #"{"schemaVersion": 1, "limits": {"fail": "8GB", "target": null}, "growth": {"warn": {"percent": 10}}, "categories": {"dev-dependencies": {"fail": "0B"}}, "ignorePaths": ["/root/.npm/"]}"#,
            name: "finance")
        let rules = GateRules.builtIn.overlaid(with: defaults, label: "defaults.json").overlaid(with: image, label: "finance.json")
        #expect(rules.warnBytes == 500_000_000)
        #expect(rules.setBy["limits.warn"] == GateRules.builtInLabel)
        #expect(rules.failBytes == 8_000_000_000)
        #expect(rules.setBy["limits.fail"] == "finance.json")
        #expect(rules.targetBytes == nil)
        #expect(rules.growthWarnBytes == 50_000_000)
        #expect(rules.setBy["growth.warn.bytes"] == "defaults.json")
        #expect(rules.growthWarnPercent == 10)
        #expect(rules.categoryBudgets == [GateRules.CategoryRule(category: .devDependencies, warnBytes: 0, failBytes: 0)])
        #expect(rules.ignorePaths.map(\.text) == ["/root/.npm/"])
    }

    @Test func defaultsCanClearTheBuiltInWarning() throws {
        let defaults = try document(#"{"schemaVersion": 1, "limits": {"warn": null}}"#, name: nil)
        #expect(GateRules.builtIn.overlaid(with: defaults, label: "defaults.json").warnBytes == nil)
        #expect(GateRules.builtIn.warnBytes == 500_000_000)
    }
}
