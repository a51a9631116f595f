import Foundation
import ImageLoading
import ImageModel
import PlimsollTestSupport
import Testing

/// What a blob is comes from what the manifests say of it, never from its name or first byte:
/// layers whose first entry names start like JSON (`{`, `[`, `n`ull, `t`rue, `f`alse, digits, and
/// Nix's `nix/store/...`) are layers on every layout and on the seekable and the stream path.
@Suite struct BlobKindTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var layout: ArchiveLayout
        var outer: OuterCompression
        var testDescription: String { "\(layout) outer:\(outer)" }
    }

    static let cases: [Case] = [ArchiveLayout.legacy, .docker25, .ociArchive, .skopeo].flatMap { layout in
        [OuterCompression.none, .gzip].map { Case(layout: layout, outer: $0) }
    }

    /// One small uncompressed layer per awkward first character, then a Nix-style stack.
    static func awkwardLayers() -> [LayerSpec] {
        let firsts = ["{x}", "[x]", "null-dir", "true", "false", "0"] + (1...9).map(String.init)
        var layers = firsts.enumerated().map { index, name in
            LayerSpec(
                entries: [.file(name, size: 100 + Int64(index)), .dir("d\(index)"), .file("d\(index)/f", size: 7)],
                createdBy: "/bin/sh -c make \(index)")
        }
        // dockerTools.buildLayeredImage: one store path per layer, every name under nix/store.
        for index in 0..<40 {
            let store = "nix/store/\(String(repeating: "a", count: 31))\(index % 10)-pkg-\(index)"
            layers.append(
                LayerSpec(
                    entries: [.dir("nix"), .dir("nix/store"), .dir(store), .dir(store + "/lib"),
                              .file(store + "/lib/lib\(index).so", size: 1_000 + Int64(index) * 13)],
                    createdBy: "nix store path \(index)"))
        }
        return layers
    }

    @Test(arguments: cases)
    func layersStartingLikeJSONAreLayers(_ testCase: Case) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = Fixtures.image(Self.awkwardLayers())
        let path = directory + "/awkward.tar"
        let written = try ImageFixtureBuilder.write(
            [spec], options: ArchiveOptions(layout: testCase.layout, outerCompression: testCase.outer), to: path)
        let images = try ImageLoader().load(.path(path))
        try #require(images.count == 1)
        Fixtures.expectMatches(images[0], spec, written.images[0], testCase.testDescription)
        #expect(images[0].layers.count == 55)
    }

    @Test func aJSONDocumentNamedAsALayerIsNotATarArchive() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var tarball = HandMadeTarball.legacy(layers: ["l/layer.tar"])
        tarball.add("l/layer.tar", text: #"{"not": "a layer"}"#)
        let path = directory + "/json-layer.tar"
        try tarball.write(to: path)
        let error = try #require(throws: ImageLoadingError.self) { try ImageLoader().load(.path(path)) }
        #expect(error.description.hasPrefix(path + ": layer l/layer.tar: not a tar archive"), "\(error)")
    }

    @Test func unknownManifestShapeSaysWhatWasExpectedAndFound() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text, found) in [
            ("object", #"{"images": [], "version": 3}"#, "found an object with keys images, version"),
            ("string", #""hello""#, "found a string"),
        ] {
            var tarball = HandMadeTarball()
            tarball.add("manifest.json", text: text)
            let path = directory + "/\(name).tar"
            try tarball.write(to: path)
            let error = try #require(throws: ImageLoadingError.self) { try ImageLoader().load(.path(path)) }
            #expect(error.description.contains("manifest.json: expected a list of images"), "\(error)")
            #expect(error.description.contains(found), "\(error)")
        }
    }

    @Test func aDigestThatIsNotADigestNamesNoFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var tarball = HandMadeTarball()
        tarball.add("oci-layout", text: #"{"imageLayoutVersion":"1.0.0"}"#)
        tarball.add("index.json", text: #"{"schemaVersion":2,"manifests":[{"digest":"sha256:../../etc/passwd","mediaType":"application/vnd.oci.image.manifest.v1+json"}]}"#)
        let path = directory + "/climb.tar"
        try tarball.write(to: path)
        let error = try #require(throws: ImageLoadingError.self) { try ImageLoader().load(.path(path)) }
        #expect(error.description.contains("index.json: 'sha256:../../etc/passwd' is not a digest"), "\(error)")
    }
}
