import SizeTrend
import Testing

@Suite struct MeasurementDecoderTests {
    static let valid = """
        {"schemaVersion": 1, "kind": "plimsoll-measurement", "name": "finance", "recordedAt": "2024-05-01T12:00:00Z",
         "imageDigest": "sha256:0123456789abcdef", "tags": ["finance:1"], "contentBytes": 7190000000, "finalBytes": 7000000000,
         "wastedBytes": 190000000, "compressedBytes": null, "compressedBytesSource": "unknown",
         "limits": {"warnBytes": 500000000, "failBytes": null, "targetBytes": 1200000000},
         "growth": {"floorBytes": 10000000, "warnBytes": 100000000, "warnPercent": 5, "failBytes": null, "failPercent": 20.5}, "verdict": "warn",
         "categories": [{"name": "ml-libraries", "bytes": 2000000000}], "layers": [], "packages": []}
        """

    @Test func decodesEveryFieldTheTrendUses() throws {
        let measurement = try MeasurementDecoder.decode(Array(Self.valid.utf8), file: "finance/a.json")
        #expect(measurement.name == "finance")
        #expect(measurement.recordedAt.rfc3339 == "2024-05-01T12:00:00Z")
        #expect(measurement.contentBytes == 7_190_000_000)
        #expect(measurement.limits == .init(warnBytes: 500_000_000, failBytes: nil, targetBytes: 1_200_000_000))
        #expect(measurement.growth == .init(floorBytes: 10_000_000, warnBytes: 100_000_000, warnPercent: 5, failPercent: 20.5))
        #expect(measurement.verdict == .warn)
        #expect(measurement.categories == [.init(name: "ml-libraries", bytes: 2_000_000_000)])
        #expect(measurement.shortDigest == "0123456789ab")
        #expect(measurement.source == "finance/a.json")
    }

    @Test func growthRulesFollowTheGate() {
        let rules = MeasurementRecord.GrowthRules(floorBytes: 10_000_000, warnBytes: 100_000_000, warnPercent: 5, failPercent: 20.5)
        let text: (Int64) -> String = { "\($0)" }
        // 101 MB on 10 GB: over the 100 MB bytes rule.
        #expect(rules.crossed(growth: 101_000_000, base: 10_000_000_000, bytes: text)?.rule == "warn: growth > 100000000")
        // 60 MB on 1 GB is 6%: over the 5% rule and the floor.
        #expect(rules.crossed(growth: 60_000_000, base: 1_000_000_000, bytes: text)?.rule == "warn: growth > 5% (floor 10000000)")
        // 9 MB on 100 MB is 9%, but under the 10 MB floor.
        #expect(rules.crossed(growth: 9_000_000, base: 100_000_000, bytes: text) == nil)
        // 30 MB on 100 MB is 30%: over the 20.5% failure rule.
        #expect(rules.crossed(growth: 30_000_000, base: 100_000_000, bytes: text)?.level == .fail)
        // Exactly at a bytes limit does not trip; shrinking never does.
        #expect(rules.crossed(growth: 100_000_000, base: 100_000_000_000, bytes: text) == nil)
        #expect(rules.crossed(growth: -500_000_000, base: 1_000_000_000, bytes: text) == nil)
    }

    @Test(arguments: [
        ("\"contentBytes\": 7190000000,", "", "'contentBytes' is missing"),
        ("\"contentBytes\": 7190000000", "\"contentBytes\": \"7GB\"", "'contentBytes' is a string, expected an integer"),
        ("\"schemaVersion\": 1", "\"schemaVersion\": 2", "unsupported schemaVersion 2"),
        ("\"kind\": \"plimsoll-measurement\"", "\"kind\": \"plimsoll-baseline\"", "'kind' is 'plimsoll-baseline'"),
        ("2024-05-01T12:00:00Z", "yesterday", "'recordedAt' is not an RFC 3339 time: 'yesterday'"),
        ("\"targetBytes\": 1200000000", "\"targetBytes\": -1", "'limits.targetBytes' is negative (-1)"),
        ("\"verdict\": \"warn\"", "\"verdict\": \"meh\"", "'verdict' is 'meh'"),
        ("\"warnPercent\": 5", "\"warnPercent\": \"5%\"", "'growth.warnPercent' is a string, expected a number or null"),
        ("{\"name\": \"ml-libraries\", \"bytes\": 2000000000}", "{\"name\": \"ml-libraries\"}", "'categories[0].bytes' is missing"),
        ("\"tags\": [\"finance:1\"]", "\"tags\": [\"a\"], \"tags\": []", "duplicate"),
    ])
    func brokenRecordsNameTheFileAndTheKey(original: String, replacement: String, message: String) {
        let text = Self.valid.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.valid)
        do {
            _ = try MeasurementDecoder.decode(Array(text.utf8), file: "finance/bad.json")
            Issue.record("decoded a broken record")
        } catch {
            #expect(error.file == "finance/bad.json")
            #expect(error.description.hasPrefix("finance/bad.json: "))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
