import ArchiveIO
import Foundation
import PlimsollTestSupport
import Testing

@Suite struct EntryAndWriterTests {
    @Test func specExpectations() {
        #expect(Samples.base.contentBytes == 12 + 40_000)
        #expect(Samples.base.fileCount == 2)
        #expect(Samples.base.entryCount == 6)
        #expect(Samples.app.contentBytes == 3_000_011)
        #expect(Samples.app.fileCount == 2)
        #expect(Samples.app.hardlinkCount == 0)
    }

    @Test func hostileNamesPrefixesAndLargeZeroFiles() throws {
        let scratch = try Scratch()
        let path = scratch.file("names.tar")
        let longName = String(repeating: "deep/", count: 40) + "file.txt"
        let layer = LayerSpec(
            [
                .dir("."), .rawName([0x62, 0x61, 0x64, 0xff, 0xfe, 0x2e, 0x62, 0x69, 0x6e], size: 3),
                .file(longName, size: 9), .file("caf\u{e9}", text: "latte"),
                .file("zeros.bin", size: 48 << 20), .hardlink("zeros-link", target: "zeros.bin"),
            ],
            compression: .gzip, pathPrefix: "./"
        )
        let image = ImageSpec(tags: [], layers: [layer])
        let written = try ImageFixtureBuilder.write([image], options: ArchiveOptions(layout: .docker25), to: path)
        let members = try TarInspector.inspect(path)
        let blob = try members.member(written.images[0].layers[0].pathInArchive)
        try Verify.layer(blob, spec: layer, written: written.images[0].layers[0])
        let entries = try #require(blob.entries)
        #expect(entries[1].nameHex == "2e2f626164fffe2e62696e")
        #expect(entries[2].name == "./" + longName)
        #expect(entries[3].name == "./caf\u{e9}")
        #expect(entries[4].size == 48 << 20)
        #expect(entries[5].type == "hardlink" && entries[5].linkname == "./zeros.bin")
        // 48 MiB of zeros compress to almost nothing.
        #expect(written.images[0].layers[0].blobSize < 200_000)
        // Untagged: RepoTags null, one index descriptor without names.
        let manifest = try #require(try members.member("manifest.json").parsedJSON() as? [[String: Any]])
        #expect(manifest[0]["RepoTags"] is NSNull)
    }

    @Test func sameSpecGivesSameBytes() throws {
        let scratch = try Scratch()
        var layer = Samples.app
        layer.compression = .gzip
        let image = Samples.image(layers: [Samples.base, layer])
        let options = ArchiveOptions(layout: .docker25, outerCompression: .gzip)
        try ImageFixtureBuilder.write([image], options: options, to: scratch.file("1.tar.gz"))
        try ImageFixtureBuilder.write([image], options: options, to: scratch.file("2.tar.gz"))
        let first = try Data(contentsOf: URL(fileURLWithPath: scratch.file("1.tar.gz")))
        let second = try Data(contentsOf: URL(fileURLWithPath: scratch.file("2.tar.gz")))
        #expect(first == second)
    }

    @Test func mismatchingDiffIDsAndHistoryOptions() throws {
        let scratch = try Scratch()
        let path = scratch.file("edited.tar")
        let bogus = "sha256:" + String(repeating: "0", count: 64)
        let image = ImageSpec(
            tags: ["edited"], layers: [Samples.base],
            config: ConfigSpec(healthcheck: ["CMD", "true"], omitHistory: true, diffIDsOverride: [bogus])
        )
        let written = try ImageFixtureBuilder.write([image], options: ArchiveOptions(layout: .legacy), to: path)
        let members = try TarInspector.inspect(path)
        let config = try #require(try members.member(written.images[0].configPath).parsedJSON() as? [String: Any])
        #expect((config["rootfs"] as? [String: Any])?["diff_ids"] as? [String] == [bogus])
        #expect(config["history"] == nil)
        #expect(((config["config"] as? [String: Any])?["Healthcheck"] as? [String: [String]])?["Test"] == ["CMD", "true"])
        let layer = try members.member(written.images[0].layers[0].pathInArchive)
        #expect(layer.diffID == written.images[0].layers[0].diffID)
        #expect(layer.diffID != bogus)
    }

    @Test func contentSizeMismatchIsAnError() throws {
        let scratch = try Scratch()
        let image = ImageSpec(layers: [LayerSpec([.file("a", size: 3, content: .text("four"))])])
        #expect(throws: FixtureError.self) {
            try ImageFixtureBuilder.write([image], options: ArchiveOptions(), to: scratch.file("x.tar"))
        }
    }

    @Test func sinkErrorsSurfaceFromTheWriter() throws {
        struct Full: Error {}
        let writer = try ArchiveWriter.create(format: .pax, filter: .none) { _ in throw Full() }
        #expect(throws: Full.self) {
            try writer.addFile("big", body: .zeros(count: 1 << 20))
            try writer.close()
        }
    }

    @Test func sinkReceivesAPaddedTar() throws {
        final class Collector: @unchecked Sendable { var bytes: [UInt8] = [] }
        let collector = Collector()
        let writer = try ArchiveWriter.create(format: .ustar, filter: .none) { collector.bytes += $0 }
        try writer.addFile("hello.txt", body: .bytes(Array("hi".utf8)))
        try writer.addDirectory("d/")
        try writer.addSymlink("l", target: "hello.txt")
        try writer.close()
        #expect(collector.bytes.count == 10240)
        #expect(Array(collector.bytes[257..<262]) == Array("ustar".utf8))
        #expect(writer.warnings.isEmpty)
    }

    @Test func abandonedWriterFlushesNothing() throws {
        final class Collector: @unchecked Sendable { var count = 0 }
        let collector = Collector()
        do {
            let writer = try ArchiveWriter.create(format: .pax, filter: .gzip) { collector.count += $0.count }
            try writer.addFile("small", body: .bytes([1, 2, 3]))
        }
        #expect(collector.count == 0)
    }
}
