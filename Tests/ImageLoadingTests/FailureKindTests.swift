import ArchiveIO
import Foundation
import Testing

/// The reader tells truncated, corrupt and unrecognised bytes apart from libarchive's status, its
/// errno and whether the source ran out, never from the text of its message.
@Suite struct FailureKindTests {
    /// Reads every entry and body of `bytes` through a byte source, returning the failure's kind.
    static func failure(_ bytes: [UInt8]) -> ArchiveError.Kind? {
        do {
            let reader = try ArchiveReader.open(source: BytesSource(bytes))
            while try reader.next() != nil {
                while try reader.readBlock() != nil {}
            }
            return nil
        } catch let error as ArchiveError {
            return error.kind
        } catch {
            return nil
        }
    }

    /// Bytes that do not compress (a linear congruential sequence), so a gzip stream stays long.
    static let body: [UInt8] = {
        var state: UInt64 = 42
        return (0..<300_000).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }()

    @Test func aTarCutShortIsTruncated() throws {
        let tar = try HandMadeTarball.layer([("a.bin", Self.body), ("b.bin", [1, 2, 3])])
        // Fewer than 512 bytes are no recognisable tar header at all: those are not "truncated".
        for cut in [600, 1_500, tar.count / 2, tar.count - 2_000] {
            #expect(Self.failure(Array(tar.prefix(cut))) == .truncated, "cut at \(cut)")
        }
        #expect(Self.failure(tar) == nil)
    }

    @Test func aGzipStreamCutShortIsTruncated() throws {
        let gzip = try LayerEncodingTests.gzip(try HandMadeTarball.layer([("a.bin", Self.body)]))
        #expect(Self.failure(Array(gzip.prefix(gzip.count / 2))) == .truncated)
        #expect(Self.failure(gzip) == nil)
    }

    @Test func flippedBitsEarlyInAGzipStreamAreCorrupt() throws {
        var gzip = try LayerEncodingTests.gzip(try HandMadeTarball.layer([("a.bin", Self.body)]))
        #expect(gzip.count > 100_000)
        for index in stride(from: 30, to: 2_000, by: 7) { gzip[index] ^= 0x5A }
        #expect(Self.failure(gzip) == .corrupt)
    }

    @Test func bytesNoFormatKnowsAreUnrecognised() {
        #expect(Self.failure(Array(#"{"a": "json document"}"#.utf8)) == .unrecognizedFormat)
        #expect(Self.failure((0..<5_000).map { UInt8(truncatingIfNeeded: $0 * 7_919) }) == .unrecognizedFormat)
    }

    @Test func aFileThatCannotBeOpenedIsAReadFailure() {
        #expect(throws: ArchiveError.self) { try ArchiveReader.open(path: "/nonexistent/plimsoll/image.tar") }
        do {
            _ = try ArchiveReader.open(path: "/nonexistent/plimsoll/image.tar")
        } catch let error as ArchiveError {
            #expect(error.kind == .readFailed)
            #expect(error.errno == ENOENT)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

/// Hands out a byte array in 64 KiB blocks, as a layer range would.
private final class BytesSource: ArchiveByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private var block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    deinit { block.deallocate() }

    func read() throws -> UnsafeRawBufferPointer {
        let count = min(block.count, bytes.count - offset)
        bytes.withUnsafeBytes { block.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count])) }
        offset += count
        return UnsafeRawBufferPointer(start: block.baseAddress, count: count)
    }
}
