/// A failure of zlib while counting compressed bytes.
///
/// zlib fails only on bad parameters or when memory runs out; the message names the call and
/// zlib's own status so that a report can say what went wrong.
public struct WireSizeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The zlib call that failed (`deflateInit2`, `deflate`, `deflateSetDictionary`, ...).
    public var call: String
    /// zlib's status code (`Z_MEM_ERROR` = -4, `Z_STREAM_ERROR` = -2, ...).
    public var status: Int32
    /// zlib's message (`strm->msg`), when it set one.
    public var message: String?

    public init(call: String, status: Int32, message: String? = nil) {
        self.call = call
        self.status = status
        self.message = message
    }

    public var description: String {
        "zlib \(call) failed with status \(status)" + (message.map { ": \($0)" } ?? "")
    }
}
