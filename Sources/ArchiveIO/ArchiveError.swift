/// An error from libarchive, with the message libarchive gave at the moment it failed.
///
/// The message is captured when the error is thrown (as swiftly's `ExtractError(archive:)` does),
/// because libarchive overwrites its error string on the next call.
public struct ArchiveError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What the reader was doing when libarchive failed.
    public enum Operation: String, Sendable {
        case open
        case readHeader = "read header"
        case readData = "read data"
        case write
    }

    /// What kind of failure it was, decided by the reader while it still had libarchive's status,
    /// `archive_errno` and the state of its byte source (never from the message text).
    public enum Kind: String, Sendable {
        /// No format or filter recognised the bytes (`ARCHIVE_ERRNO_FILE_FORMAT` before any entry).
        case unrecognizedFormat
        /// The bytes ended while libarchive still needed more: the source reported its end first.
        case truncated
        /// The bytes are there but do not decode (bad checksum, bad compressed data, bad header).
        case corrupt
        /// Reading the underlying file failed (an operating-system `errno`).
        case readFailed
        /// An entry was larger than the caller allowed.
        case tooLarge
    }

    public var operation: Operation
    public var kind: Kind
    /// libarchive's own message (`archive_error_string`), or a description of ours.
    public var message: String
    /// `archive_errno`, or 0 when libarchive set none.
    public var errno: Int32
    /// The entry being read, when there was one.
    public var entryPath: String?

    public init(operation: Operation, kind: Kind = .corrupt, message: String, errno: Int32 = 0, entryPath: String? = nil) {
        self.operation = operation
        self.kind = kind
        self.message = message
        self.errno = errno
        self.entryPath = entryPath
    }

    public var description: String {
        if let entryPath {
            return "\(operation.rawValue) failed at '\(entryPath)': \(message)"
        }
        return "\(operation.rawValue) failed: \(message)"
    }
}
