import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// Bad input from registries: each is exit 2 with one line naming the reference. The faulty
/// registry (Tests/Scripts/faulty_registry.py) serves the fixture builder's OCI layout and breaks
/// it as each repository name says; the real registry gives the unknown names and platforms.
@Suite(.serialized) final class RegistryFailureTests {
    let directory: String
    let layout: String
    let archive: String
    let faulty: LoopbackServer
    let requestLog: String

    init() throws {
        directory = try RegistryFixtures.directory()
        layout = directory + "/layout"
        archive = directory + "/small-oci.tar"
        let spec = RegistryFixtures.smallSpec()
        try ImageFixtureBuilder.writeOCIDirectory([spec], options: ArchiveOptions(layout: .ociArchive), to: layout)
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .ociArchive), to: archive)
        requestLog = directory + "/requests.log"
        faulty = try LoopbackServer(
            script: TestRegistry.scripts + "/faulty_registry.py", arguments: ["--layout", layout, "--log", requestLog], directory: directory)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    var host: String { "127.0.0.1:\(faulty.port)" }

    /// Runs inspect and checks the failure: exit 2, one line, naming the reference and `phrase`.
    func expectFailure(_ reference: String, _ phrase: String, _ extra: [String] = [], environment: [String: String] = [:]) throws {
        let result = try CommandRunner.run(["inspect", reference, "-q"] + extra, environment: environment)
        #expect(result.status == 2, "\(reference): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(reference), "\(result.stderr)")
        #expect(result.stderr.contains(phrase), "expected '\(phrase)' in: \(result.stderr)")
    }

    @Test func aBlobThatDoesNotMatchItsDigestIsRefused() throws {
        try expectFailure("registry:\(host)/mismatch/app:1", "does not match its digest")
    }

    @Test func aBlobCutShortIsRefusedAfterRetries() throws {
        try expectFailure("registry:\(host)/short/app:1", "cut short")
    }

    @Test func aManifestThatIsNotJSONIsRefused() throws {
        try expectFailure("registry:\(host)/notjson/app:1", "is not a manifest: invalid JSON")
    }

    @Test func anUnreachableHostIsRefused() throws {
        let port = try LoopbackServer.freePort()
        try expectFailure("registry:127.0.0.1:\(port)/team/app:1", "unreachable")
    }

    @Test func a503AndADroppedConnectionAreRetriedAndResumedWithRange() throws {
        let (image, run) = try RegistryFixtures.inspectJSON("registry:\(host)/flaky/app:1")
        let remote = try #require(image, "\(run.stderr)")
        let (local, _) = try RegistryFixtures.inspectJSON("oci-archive:" + archive)
        #expect(RegistryFixtures.sourceIndependentFacts(remote) == RegistryFixtures.sourceIndependentFacts(try #require(local)))
        let log = try String(contentsOfFile: requestLog, encoding: .utf8)
        #expect(log.contains("Range") || log.contains("bytes="), "\(log)")
    }

    @Test func aLayerSharedByTwoImagesIsFetchedOnce() throws {
        let result = try CommandRunner.run(["inspect", "registry:\(host)/good/a:1", "registry:\(host)/good/b:1", "--format", "json", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONParser.parse(result.stdout)["images"]?.arrayValue?.count == 2)
        let written = try #require(try ImageFixtureBuilder.writeOCIDirectory(
            [RegistryFixtures.smallSpec()], options: ArchiveOptions(layout: .ociArchive), to: directory + "/again").images.first)
        let log = try String(contentsOfFile: requestLog, encoding: .utf8)
        for layer in written.layers {
            let fetches = log.split(separator: "\n").filter { $0.contains("/blobs/\(layer.blobDigest)") }
            #expect(fetches.count == 1, "\(layer.blobDigest): \(fetches)")
        }
    }

    @Test func proxiesFromTheEnvironmentAreUsedUnlessNoProxyExemptsTheHost() throws {
        let dead = try LoopbackServer.freePort()
        let proxy = ["HTTP_PROXY": "http://127.0.0.1:\(dead)", "HTTPS_PROXY": "http://127.0.0.1:\(dead)"]
        try expectFailure("registry:\(host)/good/app:1", "unreachable", environment: proxy)
        var exempt = proxy
        exempt["NO_PROXY"] = "127.0.0.1"
        let (image, run) = try RegistryFixtures.inspectJSON("registry:\(host)/good/app:1", environment: exempt)
        #expect(image != nil, "\(run.stderr)")
    }

    @Test func unknownRepositoriesTagsAndPlatformsOfARealRegistryAreRefused() throws {
        let registry = try TestRegistry()
        let multi = directory + "/multi.tar"
        try ImageFixtureBuilder.write(
            [RegistryFixtures.smallSpec(tag: "team/multi:1"), RegistryFixtures.smallSpec(tag: "team/multi:1", marker: "b", platform: PlatformSpec("linux/arm64"))],
            options: ArchiveOptions(layout: .ociArchive, nestedIndex: true), to: multi)
        try registry.push("oci-archive:" + multi, as: "team/multi:1", all: true)
        try expectFailure("registry:\(registry.host)/team/absent:1", "not found")
        try expectFailure("registry:\(registry.host)/team/multi:2", "not found")
        try expectFailure("registry:\(registry.host)/team/multi:1", "no image for platform linux/s390x", ["--platform", "linux/s390x"])
        let (arm, run) = try RegistryFixtures.inspectJSON("registry:\(registry.host)/team/multi:1", ["--platform", "linux/arm64"])
        #expect(arm?["platform"] == "linux/arm64", "\(run.stderr)")
        let files = (arm?["largestFiles"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        #expect(files.contains("/app/b.js"), "\(files)")
        let (amd, _) = try RegistryFixtures.inspectJSON("registry:\(registry.host)/team/multi:1")
        #expect(amd?["platform"] == "linux/amd64")
    }
}
