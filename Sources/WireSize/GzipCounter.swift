import CZlib

/// Counts the bytes zlib's deflate would write for a stream, without keeping any of them.
///
/// Input is fed in blocks as it streams past; output goes to one reused scratch buffer and only
/// its length is added up. The parameters are those of `gzip -N` and of most image builders:
/// deflate method, 32 KiB window, memLevel 8, default strategy. The `.gzip` format adds zlib's
/// gzip wrapper (a 10-byte header with no name or time, an 8-byte trailer), so the count is
/// exactly the length of what `zlib.compressobj(N, zlib.DEFLATED, 31)` produces.
///
/// Errors cannot surface through a byte observer, so the first one is kept and thrown by `finish`.
public final class GzipCounter {
    /// What is counted: a whole gzip member, or bare deflate data (for samples, which need a
    /// preset dictionary, which zlib supports only without the gzip wrapper).
    public enum Format: Sendable {
        case gzip
        case raw
    }

    /// Bytes of the gzip wrapper zlib writes around deflate data: 10-byte header, 8-byte trailer.
    public static let gzipWrapperBytes: Int64 = 18
    /// 256 KiB: a deflate call on a 1 MiB block of incompressible data needs a few rounds at most.
    private static let scratchBytes = 256 * 1024

    private let stream: UnsafeMutablePointer<z_stream>
    private let scratch: UnsafeMutableRawBufferPointer
    public let level: Int
    public let format: Format
    /// Compressed bytes produced so far (complete once `finish` returns).
    public private(set) var outputBytes: Int64 = 0
    /// Uncompressed bytes fed so far.
    public private(set) var inputBytes: Int64 = 0
    private var failure: WireSizeError?
    private var finished = false

    /// Sets up a deflate stream. Throws only when zlib rejects the level or runs out of memory.
    public init(level: Int = 6, format: Format = .gzip) throws(WireSizeError) {
        self.level = level
        self.format = format
        // z_stream must not move: zlib's state points back at it and checks that it did not.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let windowBits: Int32 = format == .gzip ? 15 + 16 : -15
        // deflateInit2 is a macro around deflateInit2_, which checks the header against the library.
        let status = deflateInit2_(
            stream, Int32(level), Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            // Before every property is set, so deinit will not run: free here.
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw WireSizeError(call: "deflateInit2", status: status)
        }
        self.stream = stream
        scratch = .allocate(byteCount: Self.scratchBytes, alignment: 16)
    }

    deinit {
        deflateEnd(stream)
        scratch.deallocate()
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Deflates `bytes`; nothing is kept but the running counts.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, !finished, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        inputBytes += Int64(bytes.count)
        // zlib takes a non-const pointer for historical reasons; it never writes to the input.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        drive(Z_NO_FLUSH)
        stream.pointee.next_in = nil
    }

    /// Ends the stream and returns the total compressed length (for `.gzip`, header and trailer
    /// included). Calling it again returns the same count.
    @discardableResult
    public func finish() throws(WireSizeError) -> Int64 {
        if let failure { throw failure }
        if !finished {
            drive(Z_FINISH)
            finished = true
            if let failure { throw failure }
        }
        return outputBytes
    }

    /// Starts a new stream with the same parameters, optionally primed with up to 32 KiB of
    /// preceding bytes (only for `.raw`), so that a sample compresses as it would mid-stream.
    public func reset(dictionary: UnsafeRawBufferPointer? = nil) throws(WireSizeError) {
        if let failure { throw failure }
        let status = deflateReset(stream)
        guard status == Z_OK else { throw record("deflateReset", status) }
        outputBytes = 0
        inputBytes = 0
        finished = false
        if let dictionary, let base = dictionary.baseAddress, !dictionary.isEmpty {
            guard format == .raw else {
                throw record("deflateSetDictionary", Z_STREAM_ERROR, "a dictionary needs the raw format")
            }
            let status = deflateSetDictionary(
                stream, base.assumingMemoryBound(to: Bytef.self), uInt(dictionary.count))
            guard status == Z_OK else { throw record("deflateSetDictionary", status) }
        }
    }

    /// Runs deflate until it has taken all input (and, for `Z_FINISH`, written the end).
    private func drive(_ flush: Int32) {
        let out = scratch.baseAddress?.assumingMemoryBound(to: Bytef.self)
        while true {
            stream.pointee.next_out = out
            stream.pointee.avail_out = uInt(scratch.count)
            let status = deflate(stream, flush)
            outputBytes += Int64(scratch.count - Int(stream.pointee.avail_out))
            switch status {
            case Z_STREAM_END:
                return
            case Z_OK where flush == Z_FINISH:
                continue  // more of the end to write
            case Z_OK:
                // Done with this input once it is all taken and the output did not fill up.
                if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 { return }
            case Z_BUF_ERROR where flush != Z_FINISH:
                return  // no progress possible: all input taken, nothing pending
            default:
                _ = record("deflate", status)
                return
            }
        }
    }

    @discardableResult
    private func record(_ call: String, _ status: Int32, _ message: String? = nil) -> WireSizeError {
        let error = WireSizeError(
            call: call, status: status, message: message ?? stream.pointee.msg.map { String(cString: $0) })
        if failure == nil { failure = error }
        return error
    }
}
