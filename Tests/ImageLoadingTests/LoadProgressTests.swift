import Foundation
import ImageLoading
import PlimsollTestSupport
import Testing

/// The progress callback of `LoadOptions`: what it reports, and that it ends with a final call.
@Suite struct LoadProgressTests {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [LoadProgress] = []
        func record(_ progress: LoadProgress) { lock.withLock { calls.append(progress) } }
        var all: [LoadProgress] { lock.withLock { calls } }
    }

    static let spec = ImageSpec(tags: ["progress:1"], layers: [
        LayerSpec((0..<600).map { .file("a/f\($0)", size: 3_000) }, compression: .none),
        LayerSpec([.file("b/big", size: 5_000_000)], compression: .gzip),
        LayerSpec([.file("c/one", size: 10)], compression: .zstd),
    ])

    @Test(arguments: [ArchiveLayout.legacy, .docker25, .ociArchive])
    func reportsEveryStoredLayerByte(layout: ArchiveLayout) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("image.tar").path
        let written = try ImageFixtureBuilder.write([Self.spec], options: ArchiveOptions(layout: layout), to: path)
        let recorder = Recorder()
        let images = try ImageLoader(options: LoadOptions(progress: recorder.record)).load(.path(path))
        #expect(images.count == 1)
        let calls = recorder.all
        let last = try #require(calls.last)
        // The stored bytes of the three layer blobs, as the fixture builder wrote them.
        let stored = written.images[0].layers.reduce(Int64(0)) { $0 + $1.blobSize }
        #expect(last.finished)
        #expect(last.totalBytes == stored)
        #expect(last.bytesRead == stored)
        #expect(last.layersDone == 3)
        #expect(last.layersTotal == 3)
        #expect(last.input == path)
        #expect(calls.dropLast().allSatisfy { !$0.finished })
        // Layers are named as every table numbers them: from 0 to 2.
        let labels = Set(calls.compactMap(\.layer))
        #expect(labels.isSubset(of: ["layer 0", "layer 1", "layer 2"]), "\(labels)")
        // Counts only grow.
        for (earlier, later) in zip(calls, calls.dropFirst()) {
            #expect(earlier.bytesRead <= later.bytesRead)
            #expect(earlier.layersDone <= later.layersDone)
        }
    }

    @Test func streamsCountTheOuterBytes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("image.tar.gz").path
        // A gzip-compressed outer tar cannot be read by ranges: the loader streams it.
        _ = try ImageFixtureBuilder.write([Self.spec], options: ArchiveOptions(layout: .legacy, outerCompression: .gzip), to: path)
        let recorder = Recorder()
        _ = try ImageLoader(options: LoadOptions(progress: recorder.record)).load(.path(path))
        let last = try #require(recorder.all.last)
        #expect(last.finished)
        // Inside a compressed stream the total is unknown; the layers' bytes are still counted.
        #expect(last.totalBytes == nil)
        // At least the first layer, stored uncompressed: 600 files of 3,000 bytes.
        #expect(last.bytesRead >= 600 * 3_000)
        #expect(last.layersTotal == nil)
        #expect(last.layersDone == 3)
    }

    @Test func noCallbackNoCalls() throws {
        // The default options carry no callback: loading must not need one.
        #expect(LoadOptions().progress == nil)
    }
}
