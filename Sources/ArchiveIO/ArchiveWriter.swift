import CArchive

/// Writes a tar archive (optionally gzip- or zstd-compressed) with libarchive.
///
/// One final class owns the `struct archive *` and frees it in `deinit`. Every status other than
/// `ARCHIVE_OK` throws an `ArchiveError` (operation `.write`) carrying `archive_error_string`,
/// except `ARCHIVE_WARN`, which is recorded in `warnings` (libarchive warns, for example, when a
/// raw non-UTF-8 name cannot be translated for a pax header and falls back to binary).
///
/// Entries are added with the `add…` methods in `ArchiveWriter+Entries.swift`; call `close()` to
/// flush the end-of-archive marker and learn about late errors. A writer released without
/// `close()` is abandoned: its buffered output is discarded, never flushed.
public final class ArchiveWriter {
    /// The tar flavour to write.
    public enum Format: Sendable {
        /// POSIX ustar: 100+155-byte names and 8 GiB sizes at most.
        case ustar
        /// pax, emitting extended headers only when ustar cannot express an entry (long names,
        /// large sizes, non-ASCII names), as Go's archive/tar does for `docker save`.
        case pax
        /// Raw: the single entry's data is written with no tar framing. Used to compress a stream
        /// through libarchive's filters (a gzip layer blob, for example).
        case raw
    }

    /// The compression filter applied to the whole output stream.
    public enum Filter: Sendable {
        /// Uncompressed output.
        case none
        /// `archive_write_add_filter_gzip`, with no timestamp in the header (reproducible bytes).
        case gzip
        /// `archive_write_add_filter_zstd`.
        case zstd
    }

    /// Chunk size used when streaming entry bodies, so multi-GiB files never sit in memory.
    public static let chunkSize = 1 << 20

    let handle: OpaquePointer
    /// Keeps a custom sink alive while libarchive holds an unretained pointer to it.
    private var sinkBox: SinkBox?
    private var closed = false
    /// The entry being written, for error messages.
    var currentPath: String?
    /// Warnings libarchive reported (`ARCHIVE_WARN`), in order, with the entry they concern.
    public private(set) var warnings: [String] = []

    private init(format: Format, filter: Filter) throws {
        guard let handle = archive_write_new() else {
            throw ArchiveError(operation: .write, message: "archive_write_new failed")
        }
        self.handle = handle
        switch format {
        case .ustar: try check(archive_write_set_format_ustar(handle))
        case .pax: try check(archive_write_set_format_pax_restricted(handle))
        case .raw: try check(archive_write_set_format_raw(handle))
        }
        switch filter {
        case .none:
            try check(archive_write_add_filter_none(handle))
        case .gzip:
            try check(archive_write_add_filter_gzip(handle))
            // Without this the gzip header carries the current time and every run would produce
            // a different blob digest. Older libarchive lacks the option; a warning is harmless.
            _ = archive_write_set_filter_option(handle, "gzip", "timestamp", nil)
        case .zstd:
            try check(archive_write_add_filter_zstd(handle))
        }
        if format == .raw || filter != .none {
            // Raw and compressed streams must not be padded to a 10240-byte block: the padding
            // would become part of the payload (raw) or of the compressed blob's digest input.
            archive_write_set_bytes_in_last_block(handle, 1)
        }
    }

    deinit {
        // A writer dropped without close() is being abandoned (an error was thrown): mark it
        // failed so that archive_write_free does not flush buffered bytes into a sink or file
        // whose owner may already have gone. Callers that want the output call close().
        if !closed { archive_write_fail(handle) }
        archive_write_free(handle)
    }

    /// Creates a writer that writes to the file at `path` (created or truncated).
    public static func create(path: String, format: Format = .pax, filter: Filter = .none) throws -> ArchiveWriter {
        let writer = try ArchiveWriter(format: format, filter: filter)
        writer.currentPath = path
        try writer.check(archive_write_open_filename(writer.handle, path))
        writer.currentPath = nil
        return writer
    }

    /// Creates a writer that hands every block of output bytes to `sink`, in order.
    ///
    /// The buffer passed to `sink` is only valid during the call. An error thrown by `sink`
    /// aborts the write and is rethrown from the `ArchiveWriter` call that triggered it.
    public static func create(
        format: Format = .pax, filter: Filter = .none,
        sink: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws -> ArchiveWriter {
        let writer = try ArchiveWriter(format: format, filter: filter)
        let box = SinkBox(sink)
        writer.sinkBox = box
        let context = Unmanaged.passUnretained(box).toOpaque()
        let status = archive_write_open2(writer.handle, context, nil, sinkWrite, nil, nil)
        try writer.check(status)
        return writer
    }

    /// Writes the end-of-archive marker, flushes the filters and closes the output.
    public func close() throws {
        guard !closed else { return }
        closed = true
        currentPath = nil
        try check(archive_write_close(handle))
    }

    /// libarchive's current error message, or a placeholder when it has none.
    private var errorString: String {
        guard let message = archive_error_string(handle) else { return "unknown libarchive error" }
        return String(cString: message)
    }

    /// Classifies a status: OK passes, WARN is recorded, anything else throws. A sink error wins
    /// over libarchive's generic message because it says what actually went wrong.
    func check(_ status: Int32) throws {
        if let error = sinkBox?.error {
            sinkBox?.error = nil
            throw error
        }
        if status == ARCHIVE_OK { return }
        if status == ARCHIVE_WARN {
            warnings.append("'\(currentPath ?? "")': \(errorString)")
            return
        }
        throw ArchiveError(
            operation: .write, message: errorString, errno: archive_errno(handle), entryPath: currentPath
        )
    }

    /// Same as `check` for `archive_write_data`, which returns a byte count or a negative status.
    func checkWritten(_ written: Int, expected: Int) throws {
        if let error = sinkBox?.error {
            sinkBox?.error = nil
            throw error
        }
        if written == expected { return }
        if written >= 0 {
            throw ArchiveError(
                operation: .write, message: "short write: \(written) of \(expected) bytes", entryPath: currentPath
            )
        }
        try check(Int32(truncatingIfNeeded: written))
    }
}

/// Holds the Swift sink and the first error it threw; libarchive sees it as an opaque pointer.
private final class SinkBox {
    let sink: (UnsafeRawBufferPointer) throws -> Void
    var error: Error?

    init(_ sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
    }
}

/// libarchive's write callback. It cannot throw or call `archive_set_error` (variadic), so a
/// failure is parked in the box and reported as -1; `check` then rethrows the parked error.
private func sinkWrite(
    _ archive: OpaquePointer?, _ context: UnsafeMutableRawPointer?, _ buffer: UnsafeRawPointer?, _ length: Int
) -> Int {
    guard let context else { return -1 }
    let box = Unmanaged<SinkBox>.fromOpaque(context).takeUnretainedValue()
    if box.error != nil { return -1 }
    do {
        try box.sink(UnsafeRawBufferPointer(start: buffer, count: length))
        return length
    } catch {
        box.error = error
        return -1
    }
}
