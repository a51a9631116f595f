import SizeAccounting
import Testing

@testable import SizeGate

@Suite struct GateEvaluatorTests {
    func result(_ evaluation: Evaluation, _ rule: String) -> RuleResult? {
        evaluation.results.first { $0.rule == rule }
    }

    @Test func limitsAreStrictCeilings() {
        let rules = GateRules(warnBytes: 500_000_000, failBytes: 1_000_000_000, setBy: ["limits.warn": "defaults.json"])
        let atWarn = GateEvaluator.evaluate(TestValues.measurement(content: 500_000_000), rules: rules)
        #expect(atWarn.verdict == .pass)
        let overWarn = GateEvaluator.evaluate(TestValues.measurement(content: 500_000_001), rules: rules)
        #expect(overWarn.verdict == .warn)
        #expect(result(overWarn, "limits.warn")?.status == .warn)
        #expect(result(overWarn, "limits.warn")?.measured == .bytes(500_000_001))
        #expect(result(overWarn, "limits.warn")?.limit == .bytes(500_000_000))
        #expect(result(overWarn, "limits.warn")?.setBy == "defaults.json")
        #expect(result(overWarn, "limits.fail")?.status == .pass)
        let overFail = GateEvaluator.evaluate(TestValues.measurement(content: 1_500_000_000), rules: rules)
        #expect(overFail.verdict == .fail)
        // Every reason is kept, failures first.
        #expect(overFail.reasons.map(\.rule) == ["limits.fail", "limits.warn"])
    }

    @Test func ignoredBytesAreNotGated() {
        let rules = GateRules(warnBytes: 100)
        let evaluation = GateEvaluator.evaluate(TestValues.measurement(content: 150, ignored: 60), rules: rules)
        #expect(evaluation.verdict == .pass)
        #expect(result(evaluation, "limits.warn")?.measured == .bytes(90))
    }

    @Test func growthRulesCompareWithTheRecordedMeasurement() {
        let recorded = TestValues.measurement(content: 1_000_000_000)
        let rules = GateRules(
            growthFloorBytes: 10_000_000, growthWarnBytes: 50_000_000, growthWarnPercent: 5, growthFailBytes: 250_000_000,
            growthFailPercent: 15, recorded: recorded)
        // +60 MB = +6%: over both warn rules, under both fail rules.
        let grown = GateEvaluator.evaluate(TestValues.measurement(content: 1_060_000_000), rules: rules)
        #expect(grown.verdict == .warn)
        #expect(grown.growthBytes == 60_000_000)
        #expect(result(grown, "growth.warn.bytes")?.status == .warn)
        #expect(result(grown, "growth.warn.percent")?.status == .warn)
        #expect(result(grown, "growth.warn.percent")?.measured == .percent(6))
        #expect(result(grown, "growth.fail.bytes")?.status == .pass)
        #expect(result(grown, "growth.fail.percent")?.status == .pass)
        // +300 MB: fails on bytes and on percent (30%).
        let failed = GateEvaluator.evaluate(TestValues.measurement(content: 1_300_000_000), rules: rules)
        #expect(failed.verdict == .fail)
        #expect(Set(failed.reasons.filter { $0.status == .fail }.map(\.rule)) == ["growth.fail.bytes", "growth.fail.percent"])
        // Shrinking never trips.
        let shrunk = GateEvaluator.evaluate(TestValues.measurement(content: 100), rules: rules)
        #expect(shrunk.verdict == .pass)
    }

    @Test func theFloorKeepsTinyImagesFromTrippingPercentRules() {
        let recorded = TestValues.measurement(content: 40_000)
        let rules = GateRules(growthFloorBytes: 10_000_000, growthWarnPercent: 5, recorded: recorded)
        // +10 kB is +25%, but far below the 10 MB floor.
        let evaluation = GateEvaluator.evaluate(TestValues.measurement(content: 50_000), rules: rules)
        #expect(evaluation.verdict == .pass)
        #expect(result(evaluation, "growth.warn.percent")?.measured == .percent(25))
        #expect(result(evaluation, "growth.warn.percent")?.note?.contains("floor") == true)
        // Without a floor the same growth warns.
        let noFloor = GateEvaluator.evaluate(
            TestValues.measurement(content: 50_000), rules: GateRules(growthWarnPercent: 5, recorded: recorded))
        #expect(noFloor.verdict == .warn)
    }

    @Test func unknownValuesSkipTheirRulesWithANote() {
        let rules = GateRules(
            compressedWarnBytes: 100, growthWarnBytes: 1,
            categoryBudgets: [GateRules.CategoryRule(category: .devDependencies, failBytes: 0)])
        let evaluation = GateEvaluator.evaluate(TestValues.measurement(content: 1000), rules: rules)
        #expect(evaluation.verdict == .pass)
        for rule in ["compressed.warn", "growth.warn.bytes", "categories.dev-dependencies.fail"] {
            #expect(result(evaluation, rule)?.status == .skipped, "\(rule)")
            #expect(result(evaluation, rule)?.note?.isEmpty == false, "\(rule)")
            #expect(result(evaluation, rule)?.measured == nil, "\(rule)")
        }
    }

    @Test func categoryAndCompressedRulesApplyWhenMeasured() {
        let rules = GateRules(
            compressedFailBytes: 100,
            categoryBudgets: [
                GateRules.CategoryRule(category: .devDependencies, failBytes: 0),
                GateRules.CategoryRule(category: .cachesAndLeftovers, warnBytes: 10),
            ])
        let measurement = TestValues.measurement(
            content: 1000, compressed: 101, categories: [SizeLedger.CategoryTotal(category: .devDependencies, bytes: 7, fileCount: 1)])
        let evaluation = GateEvaluator.evaluate(measurement, rules: rules)
        #expect(evaluation.verdict == .fail)
        #expect(result(evaluation, "compressed.fail")?.status == .fail)
        #expect(result(evaluation, "categories.dev-dependencies.fail")?.measured == .bytes(7))
        #expect(result(evaluation, "categories.dev-dependencies.fail")?.status == .fail)
        // Absent from a measured breakdown means 0 bytes.
        #expect(result(evaluation, "categories.caches-and-leftovers.warn")?.measured == .bytes(0))
        #expect(result(evaluation, "categories.caches-and-leftovers.warn")?.status == .pass)
    }

    @Test func progressTowardsTheTarget() throws {
        // The example: finance started at 7.31 GB, is at 7.19 GB, target 1.2 GB.
        let rules = GateRules(targetBytes: 1_200_000_000, targetStartBytes: 7_310_000_000)
        let evaluation = GateEvaluator.evaluate(TestValues.measurement(content: 7_190_000_000), rules: rules)
        let progress = try #require(evaluation.progress)
        #expect(progress.remainingBytes == 5_990_000_000)
        #expect(!progress.reached)
        let fraction = try #require(progress.fractionOfTheWay)
        #expect(abs(fraction - 0.12 / 6.11) < 1e-9)
        // Without targetStart the recorded measurement is the start; without that, now.
        let fromRecorded = GateEvaluator.evaluate(
            TestValues.measurement(content: 900),
            rules: GateRules(targetBytes: 500, recorded: TestValues.measurement(content: 1000)))
        #expect(fromRecorded.progress?.startSource == .recorded)
        #expect(fromRecorded.progress?.fractionOfTheWay == 0.2)
        let fromNow = GateEvaluator.evaluate(TestValues.measurement(content: 900), rules: GateRules(targetBytes: 500))
        #expect(fromNow.progress?.startSource == .current)
        #expect(fromNow.progress?.fractionOfTheWay == 0)
        let reached = GateEvaluator.evaluate(TestValues.measurement(content: 400), rules: GateRules(targetBytes: 500))
        #expect(reached.progress?.reached == true)
        #expect(reached.progress?.remainingBytes == 0)
    }
}
