import Foundation
import ImageLoading
import ImageModel
import PlimsollTestSupport
import Testing

/// skopeo's `dir:` layout, written by skopeo itself from a fixture tarball: `manifest.json` (one
/// image manifest, Docker schema 2 or OCI), `version`, and blobs named by their hex digest.
@Suite struct SkopeoDirectoryTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var label: String
        var testDescription: String { label }
    }

    static let cases = [
        Case(arguments: [], label: "as stored (docker manifest, uncompressed blobs)"),
        Case(arguments: ["--dest-compress", "--dest-compress-format", "gzip"], label: "gzip (docker manifest)"),
        Case(arguments: ["--format", "oci", "--dest-compress", "--dest-compress-format", "zstd"], label: "zstd (OCI manifest)"),
    ]

    /// Runs skopeo, which must be installed (`.ci/run` installs it), through the tests' one runner.
    static func skopeo(_ arguments: [String]) throws {
        let result = try CommandRunner.run(arguments, executable: "/usr/bin/skopeo")
        guard result.status == 0 else {
            throw FixtureError("skopeo \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }

    @Test(arguments: cases)
    func readsSkopeoDirectory(_ testCase: Case) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = Fixtures.image(Fixtures.stackedLayers(compression: .none))
        let archive = directory + "/image.tar"
        let written = try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .legacy), to: archive)
        try Self.skopeo(["copy", "--quiet"] + testCase.arguments + ["docker-archive:" + archive, "dir:" + directory + "/dir"])
        #expect(FileManager.default.fileExists(atPath: directory + "/dir/version"))

        let images = try ImageLoader().load(.path(directory + "/dir"))
        try #require(images.count == 1)
        let image = images[0]
        let expected = ExpectedFilesystem.merge(spec.layers)
        #expect(image.contentBytes == spec.contentBytes)
        #expect(image.finalBytes == expected.finalBytes)
        #expect(image.wastedBytes == expected.wastedBytes.reduce(0, +))
        #expect(image.layers.map(\.contentBytes) == spec.layers.map(\.contentBytes))
        #expect(image.layers.map(\.diffID) == written.images[0].layers.map(\.diffID))
        #expect(image.platform == Platform.linuxAMD64)
        #expect(image.config.workdir == "/app")
        // The blobs are named by digest, and the manifest states each one: read it back.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/dir/manifest.json"))) as? [String: Any]
        let layers = try #require(manifest?["layers"] as? [[String: Any]])
        #expect(image.layers.map(\.blobDigest) == layers.map { $0["digest"] as? String })
        #expect(image.layers.map(\.compressedBytes) == layers.map { layer in
            testCase.arguments.isEmpty ? nil : (layer["size"] as? NSNumber)?.int64Value
        })
    }
}
