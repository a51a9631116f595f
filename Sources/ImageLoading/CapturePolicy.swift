/// Which small files inside layers the loader keeps the contents of (`package.json`, package
/// databases, ...). Everything else is sized from its header only and never read.
public struct CapturePolicy: Sendable {
    /// Files larger than this are not captured, and the layer's notes name each one. The
    /// accountant's policy sets it from `CaptureRequirements.maxBytes`.
    public var maxBytes: Int64
    /// Decides by the normalised path's UTF-8 bytes (no leading slash: "app/package.json"). Asked
    /// of every regular file, so it is given bytes: a `String` per file was an allocation per file.
    public var matches: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool

    public init(maxBytes: Int64 = 4 << 20, matches: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Bool) {
        self.maxBytes = maxBytes
        self.matches = matches
    }

    /// Captures nothing: the reader alone needs no file contents.
    public static let nothing = CapturePolicy(maxBytes: 0) { _ in false }
}
