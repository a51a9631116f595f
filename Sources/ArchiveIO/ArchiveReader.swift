import CArchive

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a tar archive (optionally gzip-, zstd- or otherwise compressed) with libarchive.
///
/// One final class owns each `struct archive *` and frees it in `deinit`. Every status code is
/// classified: `OK` continues, `WARN` is recorded in `warnings` and continues, `EOF` ends, and
/// anything worse throws an `ArchiveError` carrying libarchive's message.
public final class ArchiveReader {
    private let handle: OpaquePointer
    /// Keeps a custom byte source alive while libarchive holds an unretained pointer to it.
    private var sourceBox: SourceBox?
    /// The gzip stage in front of libarchive, for sources opened by callback.
    private var inflater: GzipInflatingSource?
    /// libarchive's entry for the header last read (it reuses one), for naming it in errors.
    private var currentEntry: OpaquePointer?
    /// Headers read so far: a format error before the first one means the bytes are not an archive.
    private var entriesRead = 0
    /// Warnings libarchive reported (`ARCHIVE_WARN`), in order, with the entry they concern.
    public private(set) var warnings: [String] = []

    private init(concatenated: Bool) {
        // archive_read_new only fails on allocation failure, which Swift treats as fatal anyway.
        handle = archive_read_new()!
        archive_read_support_filter_all(handle)
        archive_read_support_format_tar(handle)
        if concatenated {
            // Read past the first end-of-archive marker: estargz appends a second tar (the TOC), and
            // this makes the reader consume the layer to its real end, so byte counts are whole.
            archive_read_set_options(handle, "tar:read_concatenated_archives")
        }
    }

    deinit {
        archive_read_free(handle)
    }

    /// Opens a file by path; skipped bodies are seeked over. The source closes the file.
    public static func open(path: String, blockSize: Int = 1 << 20) throws -> ArchiveReader {
        try open(source: DescriptorSource(path: path, blockSize: blockSize), concatenated: false)
    }

    /// Opens an already-open descriptor (standard input, for example). The caller keeps ownership.
    /// A gzip-compressed archive is inflated by ISA-L (see `GzipInflatingSource`); `readAhead`
    /// inflates it on a thread of its own while the caller parses (a whole-file gzip read once).
    public static func open(descriptor: Int32, blockSize: Int = 1 << 20, readAhead: Bool = false) throws -> ArchiveReader {
        let source = DescriptorSource(descriptor: descriptor, blockSize: blockSize)
        return try open(source: GzipInflatingSource(source, readAhead: readAhead), concatenated: false)
    }

    /// Opens an archive whose bytes come from `source` (a byte range of a file, or the body of an
    /// entry of another archive). `concatenated` reads past end-of-archive markers to the real end.
    /// gzip is inflated by ISA-L before libarchive sees the bytes: the source is wrapped in a
    /// `GzipInflatingSource` unless it is one already, or unless `inflatingGzip` is false (then
    /// libarchive inflates with zlib, as the tests' reference does).
    public static func open(
        source: ArchiveByteSource, concatenated: Bool = true, inflatingGzip: Bool = true
    ) throws -> ArchiveReader {
        let reader = ArchiveReader(concatenated: concatenated)
        var source = source
        if inflatingGzip {
            let inflater = source as? GzipInflatingSource ?? GzipInflatingSource(source)
            reader.inflater = inflater
            source = inflater
        }
        let box = SourceBox(source)
        reader.sourceBox = box
        let context = Unmanaged.passUnretained(box).toOpaque()
        archive_read_set_callback_data(reader.handle, context)
        archive_read_set_read_callback(reader.handle, sourceRead)
        archive_read_set_skip_callback(reader.handle, sourceSkip)
        let status = archive_read_open1(reader.handle)
        if let error = box.error { throw error }
        try reader.check(status, .open)
        return reader
    }

    /// Advances to the next entry; nil at the end of the archive.
    public func next() throws -> ArchiveEntry? {
        try nextHeader().map { ArchiveEntry($0.entry) }
    }

    /// Advances to the next entry without copying its header: the returned view reads libarchive's
    /// own storage and is valid until the next call on this reader. For loops over every entry of
    /// a layer, where a `String` per name was an allocation per file.
    public func nextHeader() throws -> Header? {
        var entry: OpaquePointer?
        let status = archive_read_next_header(handle, &entry)
        if status == ARCHIVE_EOF {
            currentEntry = nil
            return nil
        }
        if let error = sourceBox?.error { throw error }
        if status == ARCHIVE_WARN, let entry {
            entriesRead += 1
            currentEntry = entry
            warnings.append("'\(currentPath ?? "")': \(errorString)")
            return Header(entry)
        }
        try check(status, .readHeader)
        guard let entry else {
            throw ArchiveError(operation: .readHeader, message: "libarchive returned no entry")
        }
        entriesRead += 1
        currentEntry = entry
        return Header(entry)
    }

    /// The current entry's path, decoded as `ArchiveEntry.path` is; only errors and warnings ask.
    private var currentPath: String? { currentEntry.map { ArchiveEntry.decodePath($0) } }

    /// Returns the next block of the current entry's data, or nil at its end. The buffer is valid
    /// until the next call on this reader; no copy is made.
    public func readBlock() throws -> UnsafeRawBufferPointer? {
        var buffer: UnsafeRawPointer?
        var size = 0
        var offset: la_int64_t = 0
        let status = archive_read_data_block(handle, &buffer, &size, &offset)
        if status == ARCHIVE_EOF { return nil }
        if let error = sourceBox?.error { throw error }
        if status == ARCHIVE_WARN {
            warnings.append("'\(currentPath ?? "")': \(errorString)")
        } else {
            try check(status, .readData)
        }
        return UnsafeRawBufferPointer(start: buffer, count: size)
    }

    /// Skips the rest of the current entry's data (by seeking, where the source can).
    public func skipData() throws {
        let status = archive_read_data_skip(handle)
        if let error = sourceBox?.error { throw error }
        try check(status, .readData)
    }

    /// Reads the whole current entry into memory, refusing entries longer than `limit` bytes.
    public func readAll(limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let block = try readBlock() {
            if bytes.count + block.count > limit {
                throw ArchiveError(
                    operation: .readData, kind: .tooLarge, message: "entry is larger than the \(limit)-byte limit",
                    entryPath: currentPath)
            }
            bytes.append(contentsOf: block)
        }
        return bytes
    }

    /// Bytes of uncompressed archive data consumed so far (after every decompression filter).
    public var uncompressedBytesConsumed: Int64 { archive_filter_bytes(handle, 0) }

    /// Bytes consumed from the underlying source (before any decompression filter).
    public var rawBytesConsumed: Int64 {
        if let inflater, inflater.isInflating { return inflater.upstreamBytesRead }
        return archive_filter_bytes(handle, -1)
    }

    /// The decompression filters in use, outermost last; empty for an uncompressed archive.
    public var compressionFilters: [String] {
        let count = archive_filter_count(handle)
        var names: [String] = []
        for index in 0..<count {
            let code = archive_filter_code(handle, index)
            if code == ARCHIVE_FILTER_NONE { continue }
            names.append(archive_filter_name(handle, index).map { String(cString: $0) } ?? "filter \(code)")
        }
        // ISA-L's gzip stage sits outside libarchive's filters: the outermost.
        if let inflater, inflater.isInflating { names.append("gzip") }
        return names
    }

    /// True when libarchive recognised a compression filter (gzip, zstd, ...) on this archive.
    public var isCompressed: Bool { !compressionFilters.isEmpty }

    private var errorString: String {
        archive_error_string(handle).map { String(cString: $0) } ?? "unknown libarchive error"
    }

    private func check(_ status: Int32, _ operation: ArchiveError.Operation) throws {
        guard status != ARCHIVE_OK else { return }
        if status == ARCHIVE_WARN {
            warnings.append("'\(currentPath ?? "")': \(errorString)")
            return
        }
        if let error = sourceBox?.error { throw error }
        let code = archive_errno(handle)
        throw ArchiveError(
            operation: operation, kind: kind(errno: code, operation), message: errorString, errno: code,
            entryPath: currentPath)
    }

    /// Classifies a failure from what libarchive and the source say of it, while both are at hand.
    private func kind(errno code: Int32, _ operation: ArchiveError.Operation) -> ArchiveError.Kind {
        // libarchive's ARCHIVE_ERRNO_FILE_FORMAT is EILSEQ on Linux, EFTYPE on the BSDs.
        #if os(Linux)
        let fileFormat = EILSEQ
        #else
        let fileFormat = EFTYPE
        #endif
        // Opening only bids formats and filters: a format error there means none recognised the bytes,
        // however few there were.
        if code == fileFormat && operation == .open { return .unrecognizedFormat }
        if sourceBox?.sawEnd == true { return .truncated }
        if code == fileFormat && entriesRead == 0 { return .unrecognizedFormat }
        // ARCHIVE_ERRNO_MISC is -1 and ARCHIVE_ERRNO_PROGRAMMER is EINVAL; other positive values
        // are the operating system's.
        if code > 0 && code != fileFormat && code != EINVAL { return .readFailed }
        return .corrupt
    }
}

/// Holds a byte source and the first error it threw, which the C callbacks cannot propagate.
private final class SourceBox {
    let source: ArchiveByteSource
    var error: ArchiveError?
    /// True once the source has said it has no more bytes; a failure after that is a truncation.
    var sawEnd = false
    init(_ source: ArchiveByteSource) { self.source = source }
}

private func sourceRead(
    _ archive: OpaquePointer?, _ context: UnsafeMutableRawPointer?,
    _ buffer: UnsafeMutablePointer<UnsafeRawPointer?>?
) -> la_ssize_t {
    guard let context, let buffer else { return -1 }
    let box = Unmanaged<SourceBox>.fromOpaque(context).takeUnretainedValue()
    do {
        let block = try box.source.read()
        if block.isEmpty { box.sawEnd = true }
        buffer.pointee = block.baseAddress.map { UnsafeRawPointer($0) }
        return la_ssize_t(block.count)
    } catch let error as ArchiveError {
        box.error = error
    } catch {
        box.error = ArchiveError(operation: .readData, message: "\(error)")
    }
    return -1
}

private func sourceSkip(
    _ archive: OpaquePointer?, _ context: UnsafeMutableRawPointer?, _ request: la_int64_t
) -> la_int64_t {
    guard let context else { return 0 }
    let box = Unmanaged<SourceBox>.fromOpaque(context).takeUnretainedValue()
    return box.source.skip(request)
}
