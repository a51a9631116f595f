import SizeTrend
import Testing

@Suite struct MeasurementDecoderTests {
    static let valid = """
        {"schemaVersion": 1, "kind": "plimsoll-measurement", "name": "finance", "recordedAt": "2024-05-01T12:00:00Z",
         "imageDigest": "sha256:0123456789abcdef", "tags": ["finance:1"], "contentBytes": 7190000000, "finalBytes": 7000000000,
         "wastedBytes": 190000000, "compressedBytes": null, "compressedBytesSource": "unknown",
         "limits": {"warnBytes": 500000000, "failBytes": null, "targetBytes": 1200000000},
         "growth": {"level": "warn", "bytes": 300000000}, "verdict": "warn",
         "categories": [{"name": "ml-libraries", "bytes": 2000000000}], "layers": [], "packages": []}
        """

    @Test func decodesEveryFieldTheTrendUses() throws {
        let measurement = try MeasurementDecoder.decode(Array(Self.valid.utf8), file: "finance/a.json")
        #expect(measurement.name == "finance")
        #expect(measurement.recordedAt.rfc3339 == "2024-05-01T12:00:00Z")
        #expect(measurement.contentBytes == 7_190_000_000)
        #expect(measurement.limits == .init(warnBytes: 500_000_000, failBytes: nil, targetBytes: 1_200_000_000))
        #expect(measurement.growth == .init(level: "warn", bytes: 300_000_000))
        #expect(measurement.verdict == .warn)
        #expect(measurement.categories == [.init(name: "ml-libraries", bytes: 2_000_000_000)])
        #expect(measurement.shortDigest == "0123456789ab")
        #expect(measurement.source == "finance/a.json")
    }

    @Test func growthLevelFromRuleLevels() throws {
        let text = Self.valid.replacingOccurrences(
            of: "{\"level\": \"warn\", \"bytes\": 300000000}", with: "{\"warnBytes\": 100000000, \"failBytes\": 500000000, \"bytes\": 300000000}")
        #expect(try MeasurementDecoder.decode(Array(text.utf8), file: "f.json").growth?.level == "warn")
    }

    @Test(arguments: [
        ("\"contentBytes\": 7190000000,", "", "'contentBytes' is missing"),
        ("\"contentBytes\": 7190000000", "\"contentBytes\": \"7GB\"", "'contentBytes' is a string, expected an integer"),
        ("\"schemaVersion\": 1", "\"schemaVersion\": 2", "unsupported schemaVersion 2"),
        ("\"kind\": \"plimsoll-measurement\"", "\"kind\": \"plimsoll-baseline\"", "'kind' is 'plimsoll-baseline'"),
        ("2024-05-01T12:00:00Z", "yesterday", "'recordedAt' is not an RFC 3339 time: 'yesterday'"),
        ("\"targetBytes\": 1200000000", "\"targetBytes\": -1", "'limits.targetBytes' is negative (-1)"),
        ("\"verdict\": \"warn\"", "\"verdict\": \"meh\"", "'verdict' is 'meh'"),
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
