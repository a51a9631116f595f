import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an open descriptor front to back (a file, standard input, a pipe), and skips by seeking
/// when the descriptor is a regular file. Going through a source of our own, rather than
/// `archive_read_open_fd`, is what lets the reader tell a truncated archive (the source ran out
/// first) from a corrupt one.
public final class DescriptorSource: ArchiveByteSource {
    private let descriptor: Int32
    private let owned: Bool
    private let seekable: Bool
    private let buffer: UnsafeMutableRawBufferPointer

    /// Reads `descriptor`, which the caller keeps open and closes.
    public init(descriptor: Int32, blockSize: Int = 1 << 20) {
        self.descriptor = descriptor
        owned = false
        seekable = Self.isRegularFile(descriptor)
        buffer = .allocate(byteCount: max(blockSize, 4096), alignment: 16)
    }

    /// Opens `path` for reading; the source closes it.
    public convenience init(path: String, blockSize: Int = 1 << 20) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ArchiveError(operation: .open, kind: .readFailed, message: String(cString: strerror(errno)), errno: errno)
        }
        self.init(owning: descriptor, blockSize: blockSize)
    }

    private init(owning descriptor: Int32, blockSize: Int) {
        self.descriptor = descriptor
        owned = true
        seekable = Self.isRegularFile(descriptor)
        buffer = .allocate(byteCount: max(blockSize, 4096), alignment: 16)
    }

    /// True when `descriptor` is a regular file: it can seek, and its size is the data's. The one
    /// place that asks; a pipe, a terminal or a socket is read front to back.
    public static func isRegularFile(_ descriptor: Int32) -> Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    deinit {
        buffer.deallocate()
        if owned { close(descriptor) }
    }

    public func read() throws -> UnsafeRawBufferPointer {
        let got: Int
        do {
            got = try FileDescriptor(rawValue: descriptor).read(into: buffer)
        } catch {
            throw ArchiveError(operation: .readData, kind: .readFailed, message: "\(error)", errno: (error as? Errno)?.rawValue ?? 0)
        }
        return UnsafeRawBufferPointer(start: buffer.baseAddress, count: got)
    }

    public func skip(_ count: Int64) -> Int64 {
        guard seekable, count > 0 else { return 0 }
        let current = lseek(descriptor, 0, SEEK_CUR)
        var info = stat()
        guard current >= 0, fstat(descriptor, &info) == 0 else { return 0 }
        // Never seek past the end: what is not there must read as a truncation, not as zeros.
        let step = min(count, max(0, Int64(info.st_size) - Int64(current)))
        guard step > 0, lseek(descriptor, off_t(step), SEEK_CUR) >= 0 else { return 0 }
        return step
    }
}
