import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a byte range of an open file with `pread`, and skips by moving its offset.
///
/// This is how a layer stored inside an uncompressed outer tarball is opened as an archive of its
/// own: libarchive skips file bodies through `skip(_:)`, so their bytes are never read
/// (`layerscan skip` in shared/bench measures the same idea). Several sources may share one
/// descriptor, since `pread` keeps no file position.
public final class FileRangeSource: ArchiveByteSource {
    /// 64 KiB: large enough to hold several tar headers between skips, small enough that skipped
    /// bodies are mostly not read.
    private static let blockSize = 64 * 1024

    private let descriptor: Int32
    private var offset: Int64
    private let end: Int64
    private let buffer: UnsafeMutableRawBufferPointer
    /// Called with every block read, before libarchive sees it (used to deflate or sample layers).
    private let observer: ((UnsafeRawBufferPointer) -> Void)?

    /// Creates a source over `length` bytes starting at `offset` of `descriptor`.
    public init(
        descriptor: Int32, offset: Int64, length: Int64,
        observer: ((UnsafeRawBufferPointer) -> Void)? = nil
    ) {
        self.descriptor = descriptor
        self.offset = offset
        self.end = offset + length
        self.observer = observer
        buffer = .allocate(byteCount: Self.blockSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// How many bytes of the range have been read or skipped.
    public var position: Int64 { offset }

    public func read() throws -> UnsafeRawBufferPointer {
        let wanted = Int(min(Int64(Self.blockSize), end - offset))
        guard wanted > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let got: Int
        do {
            got = try FileDescriptor(rawValue: descriptor).read(
                fromAbsoluteOffset: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
        } catch {
            throw ArchiveError(operation: .readData, kind: .readFailed, message: "\(error)", errno: (error as? Errno)?.rawValue ?? 0)
        }
        if got == 0 {
            throw ArchiveError(
                operation: .readData, kind: .truncated,
                message: "unexpected end of file at byte \(offset) (expected \(end - offset) more)")
        }
        offset += Int64(got)
        let block = UnsafeRawBufferPointer(start: buffer.baseAddress, count: got)
        observer?(block)
        return block
    }

    public func skip(_ count: Int64) -> Int64 {
        // With an observer every byte must pass through `read`, so refuse to skip.
        guard observer == nil else { return 0 }
        let step = min(count, end - offset)
        offset += step
        return step
    }
}
