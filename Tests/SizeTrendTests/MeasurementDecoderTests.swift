import SizeAccounting
import Charts
import SizeGate
import SizeTrend
import Testing

/// The trend reads history records with the gate's decoder; these check what it keeps and how a
/// broken record is named.
@Suite struct MeasurementDecoderTests {
    static func valid() -> String {
        let measurement = ImageMeasurement(
            name: "finance", recordedAt: UTCTimestamp(seconds: 1_714_564_800), imageDigest: "sha256:0123456789abcdef",
            tags: ["finance:1"], contentBytes: 7_190_000_000, finalBytes: 7_000_000_000, wastedBytes: 190_000_000,
            compressedBytes: nil, compressedBytesSource: .unknown, layers: [],
            categories: [SizeLedger.CategoryTotal(category: .mlLibraries, bytes: 2_000_000_000, fileCount: 12)])
        return HistoryRecord(
            measurement: measurement, warnBytes: 500_000_000, failBytes: nil, targetBytes: 1_200_000_000, growthFloorBytes: 10_000_000,
            growthWarnBytes: 100_000_000, growthWarnPercent: 5, growthFailBytes: nil, growthFailPercent: 20.5, verdict: .warn
        ).text
    }

    @Test func keepsWhatTheTrendUses() throws {
        let measurement = try MeasurementDecoder.decode(Array(Self.valid().utf8), file: "finance/a.json")
        #expect(measurement.name == "finance")
        // 1,714,564,800 s = 2024-05-01T12:00:00Z.
        #expect(measurement.recordedAt.rfc3339 == "2024-05-01T12:00:00Z")
        #expect(measurement.contentBytes == 7_190_000_000)
        #expect(
            measurement.rules
                == GateRules(
                    warnBytes: 500_000_000, targetBytes: 1_200_000_000, growthFloorBytes: 10_000_000, growthWarnBytes: 100_000_000,
                    growthWarnPercent: 5, growthFailPercent: 20.5))
        #expect(measurement.verdict == .warn)
        #expect(measurement.categories == [.init(category: .mlLibraries, bytes: 2_000_000_000, fileCount: 12)])
        #expect(measurement.shortDigest == "0123456789ab")
        #expect(measurement.source == "finance/a.json")
    }

    /// The trend judges growth between builds with the gate's evaluator and the recorded rules.
    @Test func growthRulesAreTheGates() {
        let rules = GateRules(growthFloorBytes: 10_000_000, growthWarnBytes: 100_000_000, growthWarnPercent: 5, growthFailPercent: 20.5)
        func tripped(_ base: Int64, _ size: Int64) -> [String] {
            GateEvaluator.growthResults(from: base, to: size, rules: rules).filter(\.tripped).map(\.rule)
        }
        // 101 MB on 10 GB: over the 100 MB bytes rule only (1%).
        #expect(tripped(10_000_000_000, 10_101_000_000) == ["growth.warn.bytes"])
        // 60 MB on 1 GB is 6%: over the 5% rule and the floor.
        #expect(tripped(1_000_000_000, 1_060_000_000) == ["growth.warn.percent"])
        // 9 MB on 100 MB is 9%, but under the 10 MB floor.
        #expect(tripped(100_000_000, 109_000_000).isEmpty)
        // 30 MB on 100 MB is 30%: over the 5% warning and the 20.5% failure.
        #expect(tripped(100_000_000, 130_000_000) == ["growth.warn.percent", "growth.fail.percent"])
        // Exactly at a bytes limit does not trip; shrinking never does.
        #expect(tripped(100_000_000_000, 100_100_000_000).isEmpty)
        #expect(tripped(1_000_000_000, 500_000_000).isEmpty)
    }

    @Test(arguments: [
        ("\"contentBytes\": 7190000000,", "", "contentBytes"),
        ("\"contentBytes\": 7190000000", "\"contentBytes\": \"7GB\"", "contentBytes"),
        ("\"schemaVersion\": 1", "\"schemaVersion\": 2", "unsupported version 2"),
        ("\"kind\": \"plimsoll-measurement\"", "\"kind\": \"plimsoll-baseline\"", "plimsoll-baseline"),
        ("\"verdict\": \"warn\"", "\"verdict\": \"meh\"", "verdict"),
        ("\"warnPercent\": 5", "\"warnPercent\": \"5%\"", "warnPercent"),
        ("{\n  \"schemaVersion\"", "{\n  \"tags\": [],\n  \"schemaVersion\"", "duplicate key 'tags'"),
    ])
    func brokenRecordsNameTheFileAndTheKey(original: String, replacement: String, expected: String) {
        let valid = Self.valid()
        let text = valid.replacingOccurrences(of: original, with: replacement)
        #expect(text != valid, "the test's edit did not apply")
        do {
            _ = try MeasurementDecoder.decode(Array(text.utf8), file: "finance/bad.json")
            Issue.record("decoded a broken record")
        } catch {
            #expect(error.file == "finance/bad.json")
            #expect(error.description.hasPrefix("finance/bad.json: "))
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }
}
