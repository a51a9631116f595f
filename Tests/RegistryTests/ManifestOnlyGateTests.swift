import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// `check --manifest-only`: the gate judges compressed-size rules from the manifest's descriptor
/// sizes and skips every other rule, saying so; no history record is written from it.
@Suite(.serialized) final class ManifestOnlyGateTests {
    let directory: String
    let registry: TestRegistry

    init() throws {
        directory = try RegistryFixtures.directory()
        registry = try TestRegistry()
        let archive = directory + "/small.tar"
        try ImageFixtureBuilder.write([RegistryFixtures.smallSpec()], options: ArchiveOptions(layout: .legacy), to: archive)
        try registry.push("docker-archive:" + archive, as: "team/small:1.0")
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Baselines where the content limit would fail the image and the compressed limit is `compressedFail` bytes.
    func check(compressedFail: Int64) throws -> (CommandRunner.Output, JSONValue?) {
        let baselines = directory + "/baselines-\(compressedFail)"
        try FileManager.default.createDirectory(atPath: baselines, withIntermediateDirectories: true)
        try """
            {"schemaVersion": 1, "limits": {"fail": "1kB"}, "compressed": {"fail": "\(compressedFail)B"}, "categories": {"app": {"fail": "0B"}}}
            """.write(toFile: baselines + "/defaults.json", atomically: true, encoding: .utf8)
        let reports = directory + "/reports-\(compressedFail)"
        let result = try CommandRunner.run([
            "check", "registry:\(registry.host)/team/small:1.0", "--manifest-only", "--baselines", baselines, "--reports", reports, "-q",
        ])
        let report = try? JSONParser.parse(String(contentsOfFile: reports + "/small.json", encoding: .utf8))
        #expect(!FileManager.default.fileExists(atPath: reports + "/history/small"), "no history from a manifest-only read")
        return (result, report)
    }

    /// The fleet table and totals: an image whose content was not read shows its compressed size,
    /// not 0 B, and is left out of the total and the average (summary.json says so too).
    @Test func theSummaryDoesNotCountAnUnreadImageAsEmpty() throws {
        let baselines = directory + "/baselines-summary"
        try FileManager.default.createDirectory(atPath: baselines, withIntermediateDirectories: true)
        try #"{"schemaVersion": 1, "limits": {"fail": "1GB", "target": "1MB"}}"#.write(
            toFile: baselines + "/defaults.json", atomically: true, encoding: .utf8)
        let reports = directory + "/reports-summary"
        let result = try CommandRunner.run([
            "check", "registry:\(registry.host)/team/small:1.0", "--manifest-only", "--baselines", baselines, "--reports", reports,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("small ") }, "\(result.stdout)")
        #expect(row.contains(" compressed"), "\(row)")
        #expect(!row.contains(" 0 B "), "\(row)")
        #expect(result.stdout.contains("1 image read --manifest-only not counted"), "\(result.stdout)")
        let summary = try JSONParser.parse(String(contentsOfFile: reports + "/summary.json", encoding: .utf8))
        guard case .array(let images)? = summary["images"] else {
            Issue.record("summary.json has no images: \(JSONWriter.pretty(summary))")
            return
        }
        #expect(images.first?["contentMeasured"] == .bool(false))
        #expect(summary["totals"]?["measured"] == .int(0))
        #expect(summary["totals"]?["averageBytes"] == .null)
    }

    @Test func compressedRulesAreJudgedAndTheOthersSkipped() throws {
        let sizes = try RegistryFixtures.manifestLayerSizes("\(registry.host)/team/small:1.0")
        let compressed = sizes.reduce(0, +)
        let (passing, report) = try check(compressedFail: compressed)
        #expect(passing.status == 0, "\(passing.stderr)")
        let text = report.map { JSONWriter.pretty($0) } ?? ""
        #expect(text.contains("manifest only"), "\(text)")
        let (failing, _) = try check(compressedFail: compressed - 1)
        #expect(failing.status == 1, "\(failing.stderr)")
    }
}
