import Foundation
import ImageLoading
import ImageModel
import PlimsollTestSupport
import Testing

/// Every layout the builder writes, with every layer and outer compression, read back.
@Suite struct LayoutTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var layout: ArchiveLayout
        var compression: LayerBlobCompression
        var outer: OuterCompression = .none
        var metadataFirst = false
        var testDescription: String { "\(layout) \(compression) outer:\(outer) metadataFirst:\(metadataFirst)" }
    }

    static let cases: [Case] = {
        var cases: [Case] = []
        for layout in [ArchiveLayout.legacy, .docker25, .ociArchive, .skopeo] {
            for compression in [LayerBlobCompression.none, .gzip, .zstd] {
                cases.append(Case(layout: layout, compression: compression))
            }
        }
        cases.append(Case(layout: .kaniko, compression: .gzip))
        cases.append(Case(layout: .legacy, compression: .none, outer: .gzip))
        cases.append(Case(layout: .docker25, compression: .gzip, outer: .zstd))
        cases.append(Case(layout: .ociArchive, compression: .zstd, outer: .gzip, metadataFirst: true))
        cases.append(Case(layout: .legacy, compression: .gzip, metadataFirst: true))
        return cases
    }()

    @Test(arguments: cases)
    func readsLayout(_ testCase: Case) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = Fixtures.image(Fixtures.stackedLayers(compression: testCase.compression))
        let path = directory + "/image.tar"
        let written = try ImageFixtureBuilder.write(
            [spec], options: ArchiveOptions(layout: testCase.layout, outerCompression: testCase.outer, metadataFirst: testCase.metadataFirst),
            to: path)
        let images = try ImageLoader().load(.path(path))
        try #require(images.count == 1)
        let image = images[0]
        Fixtures.expectMatches(image, spec, written.images[0], testCase.testDescription)
        #expect(image.config.user == "1001")
        #expect(image.config.workdir == "/app")
        #expect(image.config.healthcheck)
        #expect(image.platform == Platform.linuxAMD64)
        if testCase.layout != .kaniko && testCase.layout != .ociArchive {
            #expect(image.tags == ["example/app:1.0"])
        }
        if testCase.layout == .docker25 || testCase.layout == .ociArchive {
            #expect(image.manifestDigest == written.images[0].manifestDigest)
            #expect(image.layers.map(\.mediaType) == spec.layers.map(\.compression.ociMediaType))
        }
    }

    @Test func readsOCILayoutDirectory() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = Fixtures.image(Fixtures.stackedLayers(compression: .gzip))
        let written = try ImageFixtureBuilder.writeOCIDirectory([spec], options: ArchiveOptions(layout: .ociArchive), to: directory + "/layout")
        let images = try ImageLoader().load(.path(directory + "/layout"))
        try #require(images.count == 1)
        Fixtures.expectMatches(images[0], spec, written.images[0], "oci directory")
    }

    @Test func symlinkedDuplicateLayersAreReadOnce() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let same = LayerSpec(entries: [.file("data/x.bin", size: 4_096)], createdBy: "/bin/sh -c cp x")
        let spec = Fixtures.image([same, LayerSpec(entries: [.file("data/y.bin", size: 10)]), same])
        let written = try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .legacy, dedupIdenticalLayers: true), to: directory + "/dedup.tar")
        let image = try #require(try ImageLoader().load(.path(directory + "/dedup.tar")).first)
        // The top layer rewrites data/x.bin with the same bytes: the bottom copy is wasted.
        #expect(image.layers.map(\.contentBytes) == [4_096, 10, 4_096])
        #expect(image.layers.map(\.wastedBytes) == [4_096, 0, 0])
        #expect(image.layers[2].diffID == written.images[0].layers[0].diffID)
    }

    @Test func multiImageTarballReportsEveryImageAndSelectsByTag() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let base = LayerSpec(entries: [.file("lib/base.so", size: 1_000)], createdBy: "base")
        let first = Fixtures.image([base, LayerSpec(entries: [.file("app/a", size: 11)])], tags: ["svc/a:1"])
        let second = Fixtures.image([base, LayerSpec(entries: [.file("app/b", size: 22)])], tags: ["svc/b:1", "svc/b:latest"])
        for layout in [ArchiveLayout.legacy, .docker25] {
            let path = directory + "/multi-\(layout).tar"
            try ImageFixtureBuilder.write([first, second], options: ArchiveOptions(layout: layout), to: path)
            let all = try ImageLoader().load(.path(path))
            #expect(all.map(\.contentBytes).sorted() == [1_011, 1_022], "\(layout)")
            let onlyB = try ImageLoader(options: LoadOptions(imageTag: "svc/b:latest")).load(.path(path))
            #expect(onlyB.map(\.contentBytes) == [1_022], "\(layout)")
            #expect(throws: ImageLoadingError.self) { try ImageLoader(options: LoadOptions(imageTag: "svc/c")).load(.path(path)) }
        }
    }

    @Test func platformSelection() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let amd = Fixtures.image([LayerSpec(entries: [.file("bin/app", size: 100)])], platform: .linuxAMD64)
        let arm = Fixtures.image([LayerSpec(entries: [.file("bin/app", size: 200)])], platform: .linuxARM64)
        let path = directory + "/multiarch.tar"
        try ImageFixtureBuilder.write(
            [amd, arm], options: ArchiveOptions(layout: .ociArchive, extraIndexPlatformsAbsent: ["linux/s390x"], attestation: true, nestedIndex: true),
            to: path)
        let chosen = try ImageLoader().load(.path(path))
        #expect(chosen.map(\.contentBytes) == [100])
        #expect(chosen.first?.notes.contains { $0.contains("attestation") } == true)
        #expect(chosen.first?.notes.contains { $0.contains("not in the archive") } == true)
        let armOnly = try ImageLoader(options: LoadOptions(platform: Platform(parsing: "linux/arm64"))).load(.path(path))
        #expect(armOnly.map(\.contentBytes) == [200])
        #expect(armOnly.first?.platform?.description == "linux/arm64/v8")
        do {
            _ = try ImageLoader(options: LoadOptions(platform: Platform(parsing: "linux/ppc64le"))).load(.path(path))
            Issue.record("expected an error for a platform that is not there")
        } catch {
            #expect(error.description.contains("linux/amd64") && error.description.contains("linux/arm64/v8"))
        }
        // Without amd64 and without --platform, the choice is the user's.
        let pathNoAMD = directory + "/noamd.tar"
        let armV7 = Fixtures.image([LayerSpec(entries: [.file("bin/app", size: 300)])], platform: PlatformSpec("linux/arm/v7"))
        try ImageFixtureBuilder.write([arm, armV7], options: ArchiveOptions(layout: .ociArchive), to: pathNoAMD)
        #expect(throws: ImageLoadingError.self) { try ImageLoader().load(.path(pathNoAMD)) }
    }

    @Test func docker25WithNullIndexFallsBackToManifestJSON() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = Fixtures.image(Fixtures.stackedLayers(compression: .none))
        let written = try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .docker25, indexManifestsNull: true), to: directory + "/null.tar")
        let image = try #require(try ImageLoader().load(.path(directory + "/null.tar")).first)
        Fixtures.expectMatches(image, spec, written.images[0], "docker25 null index")
    }

    @Test func historyPairingSkipsEmptyLayerSteps() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let layers = [LayerSpec(entries: [.file("a", size: 1)], createdBy: "step A"), LayerSpec(entries: [.file("b", size: 2)], createdBy: "step B")]
        let config = ConfigSpec(extraEmptyHistory: [
            EmptyHistorySpec(afterLayer: -1, createdBy: "ARG X"), EmptyHistorySpec(afterLayer: 0, createdBy: "ENV Y=1"),
            EmptyHistorySpec(afterLayer: 1, createdBy: "CMD [\"node\"]"),
        ])
        try ImageFixtureBuilder.write([Fixtures.image(layers, config: config)], options: ArchiveOptions(), to: directory + "/h.tar")
        let image = try #require(try ImageLoader().load(.path(directory + "/h.tar")).first)
        #expect(image.layers.map(\.createdBy) == ["step A", "step B"])

        // History missing altogether: no steps, no guess.
        try ImageFixtureBuilder.write([Fixtures.image(layers, config: ConfigSpec(omitHistory: true))], options: ArchiveOptions(), to: directory + "/none.tar")
        let bare = try #require(try ImageLoader().load(.path(directory + "/none.tar")).first)
        #expect(bare.layers.map(\.createdBy) == [nil, nil])
    }
}
