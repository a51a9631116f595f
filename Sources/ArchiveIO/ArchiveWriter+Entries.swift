import CArchive

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The body of a regular-file entry, produced in chunks so large bodies never sit in memory.
public enum ArchiveEntryBody {
    /// No data (size 0).
    case empty
    /// Bytes already in memory.
    case bytes([UInt8])
    /// `count` zero bytes, written from one reused zero-filled chunk.
    case zeros(count: Int64)
    /// The contents of a file on disk, streamed; the size is taken from the file when the entry
    /// header is written (outer tar headers need the size before the data).
    case file(path: String)
    /// `size` bytes produced by `fill`, which is called with successive chunks of the buffer and
    /// the offset of the chunk's first byte within the body.
    case generated(size: Int64, fill: (UnsafeMutableRawBufferPointer, Int64) throws -> Void)
}

/// The mode bits of the entry kinds we write. `AE_IFREG` and friends are C cast macros that
/// Swift does not import, so the values are spelled out here.
private enum EntryType {
    static let regular: UInt32 = 0o100000
    static let directory: UInt32 = 0o040000
    static let symlink: UInt32 = 0o120000
}

extension ArchiveWriter {
    /// Adds a regular file whose body comes from `body`.
    ///
    /// - Parameters:
    ///   - path: the entry name as written in the header.
    ///   - body: the bytes; its size becomes the header size.
    ///   - permissions: the permission bits (without the type bits).
    ///   - mtime: modification time in seconds since the epoch; fixed by default for reproducibility.
    public func addFile(_ path: String, body: ArchiveEntryBody, permissions: UInt32 = 0o644, mtime: Int = 0) throws {
        try addFile(nameBytes: Array(path.utf8), body: body, permissions: permissions, mtime: mtime)
    }

    /// Adds a regular file whose name is arbitrary bytes (non-UTF-8 or hostile names for tests).
    /// The bytes are written as they are; a NUL byte would end the name, as in C.
    public func addFile(nameBytes: [UInt8], body: ArchiveEntryBody, permissions: UInt32 = 0o644, mtime: Int = 0) throws {
        currentPath = String(decoding: nameBytes, as: UTF8.self)
        let size = try bodySize(body)
        try withEntry(nameBytes: nameBytes, type: EntryType.regular, permissions: permissions, mtime: mtime) { entry in
            archive_entry_set_size(entry, size)
        }
        try writeBody(body, size: size)
        try finishEntry()
    }

    /// Adds a directory entry. Tar convention puts a trailing `/` on directory names; callers choose.
    public func addDirectory(_ path: String, permissions: UInt32 = 0o755, mtime: Int = 0) throws {
        currentPath = path
        try withEntry(nameBytes: Array(path.utf8), type: EntryType.directory, permissions: permissions, mtime: mtime) {
            archive_entry_set_size($0, 0)
        }
        try finishEntry()
    }

    /// Adds a symbolic link named `path` pointing at `target` (stored verbatim, relative or absolute).
    public func addSymlink(_ path: String, target: String, mtime: Int = 0) throws {
        currentPath = path
        try withEntry(nameBytes: Array(path.utf8), type: EntryType.symlink, permissions: 0o777, mtime: mtime) {
            archive_entry_set_size($0, 0)
            archive_entry_copy_symlink($0, target)
        }
        try finishEntry()
    }

    /// Adds a hard link named `path` to the earlier entry `target`. The header size is 0: the
    /// bytes belong to the target, as in tars written by Docker and GNU tar.
    public func addHardlink(_ path: String, target: String, mtime: Int = 0) throws {
        currentPath = path
        try withEntry(nameBytes: Array(path.utf8), type: EntryType.regular, permissions: 0o644, mtime: mtime) {
            archive_entry_copy_hardlink($0, target)
            archive_entry_set_size($0, 0)
        }
        try finishEntry()
    }

    /// Starts the single entry of a `.raw` writer: afterwards `writeRaw` feeds bytes of unknown
    /// total length through the filter (compressing a layer tar while it is being produced).
    public func beginRawStream() throws {
        currentPath = "raw stream"
        try withEntry(nameBytes: Array("data".utf8), type: EntryType.regular, permissions: 0o644, mtime: 0) { _ in }
    }

    /// Writes bytes into the current entry (for `.raw` writers after `beginRawStream`).
    public func writeRaw(_ buffer: UnsafeRawBufferPointer) throws {
        try writeData(buffer)
    }

    /// Creates an entry, lets `configure` set kind-specific fields, and writes its header.
    private func withEntry(
        nameBytes: [UInt8], type: UInt32, permissions: UInt32, mtime: Int,
        configure: (OpaquePointer) -> Void
    ) throws {
        guard let entry = archive_entry_new() else {
            throw ArchiveError(operation: .write, message: "archive_entry_new failed", entryPath: currentPath)
        }
        defer { archive_entry_free(entry) }
        // copy_pathname takes the bytes as they are (no locale conversion), so raw names survive.
        var cName = nameBytes.map { CChar(bitPattern: $0) }
        cName.append(0)
        archive_entry_copy_pathname(entry, cName)
        archive_entry_set_filetype(entry, type)
        archive_entry_set_perm(entry, mode_t(permissions))
        archive_entry_set_mtime(entry, time_t(mtime), 0)
        archive_entry_set_uid(entry, 0)
        archive_entry_set_gid(entry, 0)
        configure(entry)
        try check(archive_write_header(handle, entry))
    }

    private func finishEntry() throws {
        try check(archive_write_finish_entry(handle))
        currentPath = nil
    }

    /// The body's size, known before any data is written (the header needs it first).
    private func bodySize(_ body: ArchiveEntryBody) throws -> Int64 {
        switch body {
        case .empty: return 0
        case .bytes(let bytes): return Int64(bytes.count)
        case .zeros(let count): return count
        case .generated(let size, _): return size
        case .file(let path):
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw ArchiveError(
                    operation: .write, message: "cannot stat body file '\(path)'", errno: errno, entryPath: currentPath
                )
            }
            return Int64(info.st_size)
        }
    }

    /// Streams the body in chunks of at most `chunkSize` bytes through `archive_write_data`.
    private func writeBody(_ body: ArchiveEntryBody, size: Int64) throws {
        switch body {
        case .empty:
            return
        case .bytes(let bytes):
            try bytes.withUnsafeBytes { try writeData($0) }
        case .zeros(let count):
            let chunk = [UInt8](repeating: 0, count: Int(min(Int64(Self.chunkSize), max(count, 0))))
            var remaining = count
            try chunk.withUnsafeBytes { buffer in
                while remaining > 0 {
                    let length = Int(min(Int64(buffer.count), remaining))
                    try writeData(UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
                    remaining -= Int64(length)
                }
            }
        case .generated(let total, let fill):
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 8)
            defer { buffer.deallocate() }
            var offset: Int64 = 0
            while offset < total {
                let length = Int(min(Int64(Self.chunkSize), total - offset))
                let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length])
                try fill(chunk, offset)
                try writeData(UnsafeRawBufferPointer(chunk))
                offset += Int64(length)
            }
        case .file(let path):
            try streamFile(path, size: size)
        }
    }

    /// Copies a file's bytes into the current entry; fails if the file changed size meanwhile.
    private func streamFile(_ path: String, size: Int64) throws {
        guard let file = fopen(path, "rb") else {
            throw ArchiveError(operation: .write, message: "cannot open body file '\(path)'", errno: errno)
        }
        defer { fclose(file) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 8)
        defer { buffer.deallocate() }
        var copied: Int64 = 0
        while true {
            let count = fread(buffer.baseAddress, 1, buffer.count, file)
            if count == 0 { break }
            try writeData(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            copied += Int64(count)
        }
        if ferror(file) != 0 || copied != size {
            throw ArchiveError(
                operation: .write, message: "body file '\(path)' gave \(copied) of \(size) bytes",
                entryPath: currentPath
            )
        }
    }

    private func writeData(_ buffer: UnsafeRawBufferPointer) throws {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let written = archive_write_data(handle, base, buffer.count)
        try checkWritten(written, expected: buffer.count)
    }
}
