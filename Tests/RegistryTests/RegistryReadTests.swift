import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// Reading images from a real registry (Debian's docker-registry on loopback, anonymous), filled
/// by skopeo with the fixture builder's images: the numbers equal the tarball's, compressed bytes
/// are the manifest's exactly.
@Suite(.serialized) final class RegistryReadTests {
    let directory: String
    let registry: TestRegistry
    let dockerArchive: String
    let ociArchive: String

    init() throws {
        directory = try RegistryFixtures.directory()
        registry = try TestRegistry()
        dockerArchive = directory + "/service.tar"
        ociArchive = directory + "/service-oci.tar"
        try ImageFixtureBuilder.write([RegistryFixtures.serviceSpec()], options: ArchiveOptions(layout: .legacy), to: dockerArchive)
        try ImageFixtureBuilder.write([RegistryFixtures.serviceSpec()], options: ArchiveOptions(layout: .ociArchive), to: ociArchive)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    @Test func registryNumbersEqualTheTarballsAndCompressedBytesAreTheManifests() throws {
        try registry.push("docker-archive:" + dockerArchive, as: "acme/orders:1.4.0")
        let reference = "\(registry.host)/acme/orders:1.4.0"
        let (fromRegistry, run) = try RegistryFixtures.inspectJSON("registry:" + reference)
        let remote = try #require(fromRegistry, "\(run.stderr)")
        let (fromTarball, tarRun) = try RegistryFixtures.inspectJSON("docker-archive:" + dockerArchive)
        let local = try #require(fromTarball, "\(tarRun.stderr)")
        #expect(RegistryFixtures.sourceIndependentFacts(remote) == RegistryFixtures.sourceIndependentFacts(local))
        #expect(remote["contentBytes"]?.intValue == RegistryFixtures.serviceSpec().contentBytes)
        let sizes = try RegistryFixtures.manifestLayerSizes(reference)
        #expect(sizes.count == remote["layers"]?.arrayValue?.count)
        #expect(remote["compressedBytes"]?.intValue == sizes.reduce(0, +))
        #expect(remote["compressedBytesSource"] == "stored")
        let layerSizes = (remote["layers"]?.arrayValue ?? []).compactMap { $0["compressedBytes"]?.intValue }
        #expect(layerSizes == sizes)
        #expect(remote["name"] == .string(reference))
        #expect(remote["input"] == .string("registry:" + reference))
    }

    @Test func zstdLayersFromAnOCIArchiveAreReadAsZstd() throws {
        try registry.push("oci-archive:" + ociArchive, as: "acme/orders:zstd", zstd: true)
        let reference = "\(registry.host)/acme/orders:zstd"
        let (fromRegistry, run) = try RegistryFixtures.inspectJSON("registry:" + reference)
        let remote = try #require(fromRegistry, "\(run.stderr)")
        let (fromTarball, _) = try RegistryFixtures.inspectJSON("oci-archive:" + ociArchive)
        let local = try #require(fromTarball)
        #expect(RegistryFixtures.sourceIndependentFacts(remote) == RegistryFixtures.sourceIndependentFacts(local))
        let types = Set((remote["layers"]?.arrayValue ?? []).compactMap { $0["mediaType"]?.stringValue })
        #expect(types == ["application/vnd.oci.image.layer.v1.tar+zstd"], "\(types)")
        #expect(remote["compressedBytes"]?.intValue == (try RegistryFixtures.manifestLayerSizes(reference)).reduce(0, +))
    }

    @Test func theGateNamesTheImageAfterTheReferencesRepository() throws {
        try registry.push("docker-archive:" + dockerArchive, as: "acme/orders:1.4.0")
        let reports = directory + "/reports"
        // A baselines directory with defaults only, so the name the gate derives shows in the report.
        let baselines = directory + "/baselines"
        try FileManager.default.createDirectory(atPath: baselines, withIntermediateDirectories: true)
        try #"{"schemaVersion": 1, "limits": {"warn": "500MB"}}"#.write(toFile: baselines + "/defaults.json", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run([
            "check", "registry:\(registry.host)/acme/orders:1.4.0", "--baselines", baselines, "--reports", reports, "-q",
        ])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: reports + "/orders.json"), "\(result.stderr)")
        let report = try JSONParser.parse(String(contentsOfFile: reports + "/orders.json", encoding: .utf8))
        #expect(report["input"] == .string("registry:\(registry.host)/acme/orders:1.4.0"), "\(report)")
    }

    @Test func manifestOnlyGivesCompressedSizesAndConfigFactsWithoutLayers() throws {
        try registry.push("docker-archive:" + dockerArchive, as: "acme/orders:1.4.0")
        let reference = "\(registry.host)/acme/orders:1.4.0"
        let (image, run) = try RegistryFixtures.inspectJSON("registry:" + reference, ["--manifest-only"])
        let remote = try #require(image, "\(run.stderr)")
        let sizes = try RegistryFixtures.manifestLayerSizes(reference)
        #expect(remote["compressedBytes"]?.intValue == sizes.reduce(0, +))
        #expect(remote["layers"]?.arrayValue?.count == sizes.count)
        #expect(remote["workdir"] == "/app")
        let createdBy = (remote["layers"]?.arrayValue ?? []).compactMap { $0["createdBy"]?.stringValue }
        #expect(createdBy.count == sizes.count)
        #expect(run.stderr.contains("manifest only"), "\(run.stderr)")

        let tarball = try CommandRunner.run(["inspect", dockerArchive, "--manifest-only", "--format", "json", "-q"])
        #expect(tarball.status == 0)
        #expect(tarball.stderr.contains("--manifest-only applies to registry: images"), "\(tarball.stderr)")
        let whole = try JSONParser.parse(tarball.stdout)["images"]?.arrayValue?.first
        #expect(whole?["contentBytes"]?.intValue == RegistryFixtures.serviceSpec().contentBytes)
    }
}
