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
