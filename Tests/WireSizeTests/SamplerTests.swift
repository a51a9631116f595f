import Foundation
import Testing
import WireSize

#if canImport(Glibc)
import Glibc
#endif

/// The samplers on one layer blob of the mixed image, read with pread or streamed.
@Suite struct SamplerTests {
    /// The largest layer blob of the small mixed image, extracted with tar(1).
    static func layerBlob() async throws -> (URL, Int64) {
        let image = try await MixedImages.shared.image(scale: 0.3)
        let listing = String(decoding: try Scripts.run("tar", ["-tvf", image.path]), as: UTF8.self)
        var best: (String, Int64) = ("", 0)
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let name = fields.last, name.hasSuffix("layer.tar"), let size = Int64(fields[2]), size > best.1 {
                best = (String(name), size)
            }
        }
        let blob = image.deletingPathExtension().appendingPathExtension("largest-layer.tar")
        if !FileManager.default.fileExists(atPath: blob.path) {
            let partial = image.deletingLastPathComponent().appendingPathComponent("partial-\(UUID().uuidString).tar")
            try Scripts.run("tar", ["-xOf", image.path, best.0], stdout: partial)
            if rename(partial.path, blob.path) != 0 { try? FileManager.default.removeItem(at: partial) }
        }
        return (blob, best.1)
    }

    static func exact(_ data: Data) throws -> Int64 {
        let counter = try GzipCounter(level: 6)
        data.withUnsafeBytes { counter.update($0) }
        return try counter.finish()
    }

    static func rangeFigure(_ data: Data, policy: SamplingPolicy) throws -> CompressedSizeFigure {
        try data.withUnsafeBytes { all in
            try RangeSampler(level: 6, policy: policy).figure(length: Int64(all.count)) { offset, buffer in
                let start = Int(offset)
                let count = min(buffer.count, all.count - start)
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[start..<(start + count)]))
                return count
            }
        }
    }

    @Test func piecesCoveringEverythingAddUpToNearlyTheExactSize() async throws {
        // Deflating every piece (fraction 1) leaves only the bias of cutting the stream into
        // primed pieces: it must be small, or no sampling could be accurate, and within the
        // allowance the stated bound adds for it.
        let (blob, _) = try await Self.layerBlob()
        let data = try Data(contentsOf: blob)
        var policy = SamplingPolicy.standard
        policy.fraction = 1
        policy.wholeLayerBytes = 0
        let figure = try Self.rangeFigure(data, policy: policy)
        let exact = try Self.exact(data)
        #expect(abs(Double(figure.bytes - exact)) / Double(exact) < policy.biasAllowance, "\(figure.bytes) vs \(exact)")
    }

    @Test func streamAndRangeSamplersAgreeByteForByte() async throws {
        let (blob, _) = try await Self.layerBlob()
        let data = try Data(contentsOf: blob)
        let range = try Self.rangeFigure(data, policy: .standard)
        let stream = try StreamSampler(length: Int64(data.count), level: 6)
        // Odd block sizes: the plan must not depend on how the stream is cut.
        data.withUnsafeBytes { all in
            var offset = 0
            var step = 4_097
            while offset < all.count {
                let end = min(all.count, offset + step)
                stream.observe(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                offset = end
                step = step % 300_000 * 2 + 513
            }
        }
        #expect(try stream.finish() == range)
        #expect(range.source == .estimated)
    }

    @Test func aShortStreamThrows() throws {
        let stream = try StreamSampler(length: 100 << 20, level: 6)
        let block = [UInt8](repeating: 7, count: 1 << 20)
        block.withUnsafeBytes { stream.observe($0) }
        #expect(throws: WireSizeError.self) { try stream.finish() }
    }

    @Test func smallLayersAreDeflatedWhole() throws {
        let bytes = GzipCounterTests.sample("mixed", count: 1_000_000)
        let data = Data(bytes)
        let figure = try Self.rangeFigure(data, policy: .standard)
        #expect(figure == CompressedSizeFigure(bytes: try Self.exact(data), source: .exact))
    }
}
