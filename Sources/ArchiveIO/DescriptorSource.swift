#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an open descriptor from its current offset to its end, as libarchive's own descriptor
/// reader does: `read` in large blocks; skips by `lseek` when the descriptor is a regular file
/// (never past its end, so a short file is reported truncated, not silently padded).
public final class DescriptorSource: ArchiveByteSource {
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    /// The file's size when it is a regular file (and so seekable); nil for pipes and terminals.
    private let regularFileSize: Int64?

    /// The descriptor stays the caller's: it is not closed.
    public init(descriptor: Int32, blockSize: Int = 1 << 20) {
        self.descriptor = descriptor
        buffer = .allocate(byteCount: max(blockSize, 4096), alignment: 16)
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            regularFileSize = Int64(info.st_size)
        } else {
            regularFileSize = nil
        }
    }

    deinit { buffer.deallocate() }

    public func read() throws -> UnsafeRawBufferPointer {
        var got: Int
        repeat {
            got = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
        } while got < 0 && errno == EINTR
        if got < 0 {
            throw ArchiveError(operation: .readData, message: String(cString: strerror(errno)), errno: errno)
        }
        return UnsafeRawBufferPointer(start: buffer.baseAddress, count: got)
    }

    public func skip(_ count: Int64) -> Int64 {
        guard let size = regularFileSize, count > 0 else { return 0 }
        let position = Int64(lseek(descriptor, 0, SEEK_CUR))
        guard position >= 0, position < size else { return 0 }
        let step = min(count, size - position)
        return lseek(descriptor, off_t(step), SEEK_CUR) >= 0 ? step : 0
    }
}
