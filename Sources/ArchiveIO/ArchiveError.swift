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

    public var operation: Operation
    /// libarchive's own message (`archive_error_string`), or a description of ours.
    public var message: String
    /// `archive_errno`, or 0 when libarchive set none.
    public var errno: Int32
    /// The entry being read, when there was one.
    public var entryPath: String?

    public init(operation: Operation, message: String, errno: Int32 = 0, entryPath: String? = nil) {
        self.operation = operation
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
