import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// `plimsoll trend` through the built binary: files written, exit codes, warnings.
@Suite struct TrendCommandTests {
    /// Two services, three weekly builds each, from 2024-05-01T00:00:00Z (an injected clock).
    static func writeHistory(to history: URL) throws {
        let sizes = ["auth": [900_000_000, 850_000_000, 700_000_000], "hr": [2_000_000_000, 2_100_000_000, 1_500_000_000]]
        for (name, values) in sizes {
            for (week, value) in values.enumerated() {
                let day = 1 + 7 * week
                let stamp = "2024-05-\(day < 10 ? "0" : "")\(day)T00:00:00Z"
                let document: JSONValue = [
                    "schemaVersion": 1, "kind": "plimsoll-measurement", "name": .string(name), "recordedAt": .string(stamp),
                    "imageDigest": .string("sha256:\(String(repeating: "ab", count: 31))0\(week)"), "tags": [],
                    "contentBytes": .int(Int64(value)), "finalBytes": .int(Int64(value)), "wastedBytes": 0, "compressedBytes": nil,
                    "compressedBytesSource": "unknown", "limits": ["warnBytes": 500_000_000, "failBytes": nil, "targetBytes": 400_000_000],
                    "growth": ["floorBytes": nil, "warnBytes": 50_000_000, "warnPercent": nil, "failBytes": nil, "failPercent": nil], "verdict": "warn",
                    "categories": [], "layers": [], "packages": [],
                ]
                let file = history.appendingPathComponent("\(name)/\(stamp.filter { $0 != "-" && $0 != ":" })-abababababab-00000\(week).json")
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(JSONWriter.pretty(document).utf8).write(to: file)
            }
        }
    }

    @Test func writesReportAndPrintsSparklines() throws {
        let root = try TemporaryDirectory.url("plimsoll-trend-cli")
        defer { try? FileManager.default.removeItem(at: root) }
        let history = root.appendingPathComponent("history")
        try Self.writeHistory(to: history)
        let out = root.appendingPathComponent("reports").path
        let result = try CommandRunner.run(["trend", history.path, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        // hr: 2.0, 2.1, 1.5 GB between 1.5 and 2.1 GB → levels round(0.5/0.6 × 7) = 6, 7, 0 (of 0...7).
        #expect(result.stdout.contains("hr    ▇█▁  2 GB → 1.5 GB (-500 MB)"))
        #expect(result.stdout.contains("auth  █▆▁  900 MB → 700 MB (-200 MB)"))
        let files = try FileManager.default.subpathsOfDirectory(atPath: out).sorted()
        #expect(files == ["charts", "charts/fleet.svg", "charts/service-auth.svg", "charts/service-hr.svg", "trend.json", "trend.md"])
        let json = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/trend.json"))))
        #expect(json["fleet"]?["beforeBytes"]?.intValue == 2_900_000_000)
        #expect(json["fleet"]?["afterBytes"]?.intValue == 2_200_000_000)
        let hr = json["services"]?.arrayValue?.first
        #expect(hr?["name"]?.stringValue == "hr")
        // hr grew 100 MB in week 2: over the 50 MB growth warning.
        #expect(hr?["growthEvents"]?.arrayValue?.map { $0["growthBytes"]?.intValue } == [100_000_000])

        let filtered = try CommandRunner.run(["trend", history.path, "--out", out + "2", "--service", "auth", "--since", "2024-05-08"])
        #expect(filtered.status == 0, "\(filtered.stderr)")
        #expect(filtered.stdout.hasPrefix("auth  █▁  850 MB → 700 MB (-150 MB)\n"))
    }

    @Test func exitCodes() throws {
        let root = try TemporaryDirectory.url("plimsoll-trend-cli")
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = try CommandRunner.run(["trend", root.appendingPathComponent("absent").path, "--out", root.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such history directory"))
        let badDate = try CommandRunner.run(["trend", root.path, "--since", "last week"])
        #expect(badDate.status == 64)

        let history = root.appendingPathComponent("history")
        try Self.writeHistory(to: history)
        try Data("{\"schemaVersion\": 1}".utf8).write(to: history.appendingPathComponent("auth/20240601T000000Z-nodigest-ffffff.json"))
        let skipped = try CommandRunner.run(["trend", history.path, "--out", root.appendingPathComponent("out").path])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("warning: skipped unreadable record \(history.path)/auth/20240601T000000Z-nodigest-ffffff.json: kind: required key is missing"))
        let nobody = try CommandRunner.run(["trend", history.path, "--service", "nobody", "--out", root.appendingPathComponent("none").path])
        #expect(nobody.status == 2)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("none").path))
    }
}
