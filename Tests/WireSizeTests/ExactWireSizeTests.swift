import Foundation
import ImageLoading
import ImageModel
import Testing
import WireSize

/// `--compressed exact` through the loader, against `gzip_sizes.py` (Python's zlib over each layer
/// blob, extracted with tarfile) and against the `gzip` program.
@Suite struct ExactWireSizeTests {
    static func load(_ input: ImageInput, _ mode: CompressedSizeMode, level: Int = 6, parallelism: Int = 2) throws -> LoadedImage {
        let options = LoadOptions(
            parallelism: parallelism, compressedSize: CompressedSizeOptions(mode: mode, gzipLevel: level))
        let images = try ImageLoader(options: options).load(input)
        try #require(images.count == 1)
        return images[0]
    }

    @Test(arguments: [6, 1])
    func seekableExactEqualsPythonZlib(level: Int) async throws {
        let image = try await MixedImages.shared.image(scale: 0.3)
        let reference = try Scripts.referenceSizes(image, level: level)
        let loaded = try Self.load(.path(image.path), .exact, level: level)
        #expect(loaded.layers.count == 4)
        for layer in loaded.layers {
            #expect(layer.compressedBytesSource == .exact)
            #expect(layer.compressedBytesErrorBound == nil)
            #expect(layer.compressedBytes == reference[layer.blobPath], "layer \(layer.blobPath)")
        }
        #expect(loaded.compressedBytesSource == .exact)
        #expect(loaded.compressedBytes == reference.values.reduce(0, +))
    }

    @Test func streamedExactEqualsPythonZlib() async throws {
        // A tarball gzip'd as a whole can only be read as a stream: the layers deflate as they pass.
        let image = try await MixedImages.shared.image(scale: 0.3)
        let reference = try Scripts.referenceSizes(image)
        let directory = try Scripts.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zipped = directory.appendingPathComponent("image.tar.gz")
        try Scripts.run("gzip", ["-1", "-c", image.path], stdout: zipped)
        let loaded = try Self.load(.path(zipped.path), .exact)
        for layer in loaded.layers {
            #expect(layer.compressedBytesSource == .exact)
            #expect(layer.compressedBytes == reference[layer.blobPath], "layer \(layer.blobPath)")
        }
    }

    @Test func exactIsWithinAFewBytesPerThousandOfTheGzipProgram() async throws {
        // gzip(1) has its own deflate, not zlib's: the streams differ slightly (a few per thousand).
        let image = try await MixedImages.shared.image(scale: 0.3)
        let loaded = try Self.load(.path(image.path), .exact)
        let directory = try Scripts.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let layer = try #require(loaded.layers.max { $0.tarBytes < $1.tarBytes })
        let blob = directory.appendingPathComponent("layer.tar")
        try Scripts.run("tar", ["-xOf", image.path, layer.blobPath], stdout: blob)
        let gzipped = try Scripts.run("sh", ["-c", "gzip -6 -n -c \"$1\" | wc -c", "sh", blob.path])
        let gzipBytes = try #require(Int64(String(decoding: gzipped, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        let exact = try #require(layer.compressedBytes)
        #expect(abs(Double(exact - gzipBytes)) / Double(gzipBytes) < 0.005)
    }

    @Test(arguments: [CompressedSizeMode.stored, .estimate, .exact])
    func compressedLayersKeepTheirStoredSize(mode: CompressedSizeMode) async throws {
        let image = try await MixedImages.shared.image(scale: 0.1, gzipLayers: true)
        let listing = try Scripts.run("tar", ["-tvf", image.path])
        var stored: [String: Int64] = [:]
        for line in String(decoding: listing, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let name = fields.last, name.hasSuffix("layer.tar"), let size = Int64(fields[2]) { stored[String(name)] = size }
        }
        let loaded = try Self.load(.path(image.path), mode)
        for layer in loaded.layers {
            #expect(layer.compression == .gzip)
            #expect(layer.compressedBytesSource == .stored)
            #expect(layer.compressedBytes == stored[layer.blobPath])
        }
    }

    @Test func storedModeLeavesUncompressedLayersUnknown() async throws {
        let image = try await MixedImages.shared.image(scale: 0.3)
        let loaded = try Self.load(.path(image.path), .stored)
        for layer in loaded.layers {
            #expect(layer.compressedBytes == nil)
            #expect(layer.compressedBytesSource == .unknown)
        }
        #expect(loaded.compressedBytes == nil)
        #expect(loaded.compressedBytesSource == .unknown)
    }
}
