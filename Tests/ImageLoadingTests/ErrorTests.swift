import ArchiveIO
import Foundation
import ImageLoading
import ImageModel
import PlimsollTestSupport
import Testing

/// Bad input: every case gets one line naming the input (and layer or entry), never a crash or hang.
@Suite final class ErrorTests {
    let directory: String

    init() throws { directory = try Fixtures.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    private func load(_ path: String, _ options: LoadOptions = LoadOptions()) -> Result<[LoadedImage], ImageLoadingError> {
        Result { () throws(ImageLoadingError) in try ImageLoader(options: options).load(.path(path)) }
    }

    /// Expects an error whose single line starts with the input path and contains every fragment.
    private func expectError(_ path: String, _ fragments: String..., options: LoadOptions = LoadOptions(), sourceLocation: SourceLocation = #_sourceLocation) {
        switch load(path, options) {
        case .success:
            Issue.record("expected an error for \(path)", sourceLocation: sourceLocation)
        case .failure(let error):
            let line = error.description
            #expect(line.hasPrefix(path), "\(line)", sourceLocation: sourceLocation)
            #expect(!line.contains("\n"), sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(line.contains(fragment), "'\(fragment)' missing from: \(line)", sourceLocation: sourceLocation)
            }
        }
    }

    private func writeStandardImage(_ name: String, compression: LayerBlobCompression = .none) throws -> String {
        let path = directory + "/" + name
        let spec = Fixtures.image(Fixtures.stackedLayers(compression: compression))
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .legacy), to: path)
        return path
    }

    @Test func truncatedArchive() throws {
        let path = try writeStandardImage("whole.tar")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for cut in [bytes.count / 3, bytes.count / 2, bytes.count - 700] {
            let cutPath = directory + "/cut-\(cut).tar"
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: cutPath))
            // Cut before the manifest: either truncated, or a clear "not an image".
            switch load(cutPath) {
            case .success: Issue.record("a truncated tarball loaded")
            case .failure(let error):
                #expect(error.description.hasPrefix(cutPath))
                #expect(error.description.contains("truncated") || error.description.contains("not an image"), "\(error)")
            }
        }
    }

    @Test func truncatedGzipLayer() throws {
        var gzipLayer = try LayerEncodingTests.gzip(HandMadeTarball.layer([("a.bin", [UInt8](repeating: 7, count: 100_000))]))
        gzipLayer.removeLast(gzipLayer.count / 2)
        var tarball = HandMadeTarball.legacy(layers: ["l1/layer.tar"])
        tarball.add("l1/layer.tar", gzipLayer)
        let path = directory + "/trunc-gz.tar"
        try tarball.write(to: path)
        expectError(path, "layer l1/layer.tar")
    }

    @Test func corruptCompressedStream() throws {
        var gzipLayer = try LayerEncodingTests.gzip(HandMadeTarball.layer([("a.bin", (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) })]))
        for index in stride(from: 40, to: gzipLayer.count - 20, by: 97) { gzipLayer[index] ^= 0x5A }
        var tarball = HandMadeTarball.legacy(layers: ["l1/layer.tar"])
        tarball.add("l1/layer.tar", gzipLayer)
        let path = directory + "/corrupt-gz.tar"
        try tarball.write(to: path)
        expectError(path, "layer l1/layer.tar")
    }

    @Test func manifestNamingAMissingLayer() throws {
        var tarball = HandMadeTarball.legacy(layers: ["present/layer.tar", "absent/layer.tar"])
        tarball.add("present/layer.tar", try HandMadeTarball.layer([("x", [1, 2, 3])]))
        let path = directory + "/missing.tar"
        try tarball.write(to: path)
        expectError(path, "manifest.json", "absent/layer.tar", "not in the archive")
    }

    @Test func nullAndEmptyManifests() throws {
        for (name, text) in [("null", "null"), ("empty", "[]")] {
            var tarball = HandMadeTarball()
            tarball.add("manifest.json", text: text)
            let path = directory + "/\(name)-manifest.tar"
            try tarball.write(to: path)
            expectError(path, "manifest.json", "names no image")
        }
    }

    @Test func brokenManifestJSON() throws {
        var tarball = HandMadeTarball()
        tarball.add("manifest.json", text: #"[{"Config": "c.json", "Layers": [}]"#)
        let path = directory + "/broken.tar"
        try tarball.write(to: path)
        expectError(path, "manifest.json", "invalid JSON")
    }

    @Test func plainRootFilesystemIsNotAnImage() throws {
        var tarball = HandMadeTarball()
        for name in ["etc/passwd", "usr/bin/env", "bin/sh", "var/log/x"] { tarball.add(name, text: "x") }
        let path = directory + "/rootfs.tar"
        try tarball.write(to: path)
        expectError(path, "not an image", "root filesystem")
    }

    @Test func notATarball() throws {
        let path = directory + "/junk.tar"
        try Data((0..<5_000).map { UInt8(truncatingIfNeeded: $0 * 7919) }).write(to: URL(fileURLWithPath: path))
        expectError(path, "not a tar archive")
        expectError(directory + "/does-not-exist.tar", "cannot open")
    }

    @Test func digestMismatchIsAWarningNotAnError() throws {
        let layers = [LayerSpec(entries: [.file("a", size: 5)])]
        let wrong = "sha256:" + String(repeating: "ab", count: 32)
        let spec = Fixtures.image(layers, config: ConfigSpec(diffIDsOverride: [wrong]))
        let path = directory + "/mismatch.tar"
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .docker25), to: path)
        let image = try #require(try load(path).get().first)
        #expect(image.contentBytes == 5)
        #expect(image.notes.contains { $0.contains("does not match") && $0.contains(wrong) })
    }

    @Test func hostileNames() throws {
        let escaping = try HandMadeTarball.layer([("a/../../etc/shadow", [1])])
        var tarball = HandMadeTarball.legacy(layers: ["l/layer.tar"])
        tarball.add("l/layer.tar", escaping)
        try tarball.write(to: directory + "/escape.tar")
        expectError(directory + "/escape.tar", "layer l/layer.tar", "a/../../etc/shadow", "climbs out")

        let long = String(repeating: "d/", count: 2_100) + "f"
        var longTarball = HandMadeTarball.legacy(layers: ["l/layer.tar"])
        longTarball.add("l/layer.tar", try HandMadeTarball.layer([(long, [1])]))
        try longTarball.write(to: directory + "/long.tar")
        expectError(directory + "/long.tar", "longer than the 4096-byte path limit")

        // Absolute names are read relative to the root, with a note.
        var absolute = HandMadeTarball.legacy(layers: ["l/layer.tar"])
        absolute.add("l/layer.tar", try HandMadeTarball.layer([("/etc/hosts", [1, 2])]))
        try absolute.write(to: directory + "/absolute.tar")
        let image = try #require(try load(directory + "/absolute.tar").get().first)
        #expect(image.files.map(\.path) == ["/etc/hosts"])
        #expect(image.notes.contains { $0.contains("absolute entry name '/etc/hosts'") })
    }

    @Test func namesThatAreNotUTF8AreEscapedNotMerged() throws {
        let spec = ImageSpec(tags: ["raw:1"], layers: [LayerSpec(entries: [.rawName([0x66, 0xFF, 0x6F], size: 3), .rawName([0x66, 0xFE, 0x6F], size: 4)])])
        let path = directory + "/raw.tar"
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(), to: path)
        let image = try #require(try load(path).get().first)
        #expect(image.files.map(\.path).sorted() == ["/f\\xfeo", "/f\\xffo"])
        #expect(image.finalBytes == 7)
    }

    @Test func absurdDeclaredSizes() throws {
        for size: Int64 in [1 << 60, 8_000_000_000] {
            var layer = HandMadeTarball.rawHeader(name: Array("huge.bin".utf8), size: size)
            layer += [UInt8](repeating: 0, count: 1024)
            var tarball = HandMadeTarball.legacy(layers: ["l/layer.tar"])
            tarball.add("l/layer.tar", layer)
            let path = directory + "/absurd-\(size).tar"
            try tarball.write(to: path)
            expectError(path, "layer l/layer.tar")
        }
    }

    @Test func namesWithNULAreCutNotFatal() throws {
        // A tar name field ends at its first NUL: "ok\0evil" can only ever be read as "ok".
        var layer = HandMadeTarball.rawHeader(name: Array("ok".utf8) + [0] + Array("/../../evil".utf8), size: 3)
        layer += [1, 2, 3] + [UInt8](repeating: 0, count: 509) + [UInt8](repeating: 0, count: 1024)
        var tarball = HandMadeTarball.legacy(layers: ["l/layer.tar"])
        tarball.add("l/layer.tar", layer)
        let path = directory + "/nul.tar"
        try tarball.write(to: path)
        let image = try #require(try load(path).get().first)
        #expect(image.files.map(\.path) == ["/ok"])
        #expect(image.finalBytes == 3)
    }

    @Test func layerThatIsNotATar() throws {
        var tarball = HandMadeTarball.legacy(layers: ["l/layer.tar"])
        tarball.add("l/layer.tar", (0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 131) })
        let path = directory + "/notar-layer.tar"
        try tarball.write(to: path)
        expectError(path, "l/layer.tar")
    }

    @Test func manyTinyEntriesStayBounded() throws {
        let files = (0..<60_000).map { EntrySpec.file("d\($0 % 300)/f\($0)", size: 1) }
        let spec = ImageSpec(tags: ["tiny:1"], layers: [LayerSpec(entries: files, compression: .zstd)])
        let path = directory + "/tiny.tar"
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(), to: path)
        let image = try #require(try load(path).get().first)
        #expect(image.fileCount == 60_000)
        #expect(image.finalBytes == 60_000)
    }
}

/// Layer encodings the fixture builder does not write: estargz, and names with "./" and a root entry.
@Suite struct LayerEncodingTests {
    /// gzip through libarchive's raw writer (no gzip code of our own).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        let writer = try ArchiveWriter.create(format: .raw, filter: .gzip) { output.append(contentsOf: $0) }
        try writer.beginRawStream()
        try bytes.withUnsafeBytes { try writer.writeRaw($0) }
        try writer.close()
        return output
    }

    @Test func estargzTableOfContentsIsNotContent() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // estargz: the layer's tar, then a second tar holding the TOC, each its own gzip member.
        let body = try HandMadeTarball.layer([("app/a.js", [UInt8](repeating: 1, count: 3_000)), ("app/b.js", [2, 3])])
        let toc = try HandMadeTarball.layer([("stargz.index.json", Array(#"{"version":1,"entries":[]}"#.utf8))])
        var tarball = HandMadeTarball.legacy(layers: ["l/layer.tar"])
        tarball.add("l/layer.tar", try Self.gzip(body) + Self.gzip(toc))
        let path = directory + "/estargz.tar"
        try tarball.write(to: path)
        let image = try #require(try ImageLoader().load(.path(path)).first)
        let layer = try #require(image.layers.first)
        #expect(layer.compression == .estargz)
        #expect(layer.contentBytes == 3_002)
        #expect(layer.fileCount == 2)
        #expect(layer.entryCount == 2)
        #expect(layer.tarBytes == Int64(body.count + toc.count), "read to the real end of the stream")
        #expect(image.files.map(\.path) == ["/app/a.js", "/app/b.js"])
    }

    /// Names that are UTF-8 but not ASCII take the scanner's slow path (a String per name), next
    /// to ASCII names on the fast one; both must merge as the reference does, whiteouts included.
    @Test func nonASCIINamesBesideASCIIOnes() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = Fixtures.image([
            LayerSpec(entries: [
                .dir("app/"), .file("app/café.txt", size: 3), .file("app/plain.txt", size: 5), .dir("app/日本語"),
                .file("app/日本語/ü.js", size: 7), .file("app/日本語/x.js", size: 11), .file("./app/naïve/a", size: 13),
            ]),
            LayerSpec(entries: [.whiteout("app/café.txt"), .file("app/日本語/x.js", size: 17), .opaque("app/naïve")]),
        ])
        for layout in [ArchiveLayout.legacy, .ociArchive] {
            let path = directory + "/utf8-\(layout).tar"
            let written = try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: layout), to: path)
            let image = try #require(try ImageLoader().load(.path(path)).first)
            Fixtures.expectMatches(image, spec, written.images[0], "UTF-8 names, \(layout)")
            #expect(image.files.map(\.path) == ["/app/plain.txt", "/app/日本語/x.js", "/app/日本語/ü.js"].sorted())
        }
    }

    @Test func dotSlashPrefixesAndRootEntries() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var layers = Fixtures.stackedLayers(compression: .gzip)
        for index in layers.indices { layers[index].pathPrefix = "./" }
        layers[0].entries.insert(.dir(""), at: 0)
        let spec = Fixtures.image(layers)
        let written = try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .docker25), to: directory + "/dot.tar")
        let image = try #require(try ImageLoader().load(.path(directory + "/dot.tar")).first)
        Fixtures.expectMatches(image, spec, written.images[0], "./ prefixes")
    }
}
