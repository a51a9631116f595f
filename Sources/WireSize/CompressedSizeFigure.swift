import ImageModel

/// A computed compressed size of one layer, with where it comes from.
public struct CompressedSizeFigure: Sendable, Equatable {
    /// Bytes of the gzip blob (header and trailer included).
    public var bytes: Int64
    /// `.exact` when every byte was deflated, `.estimated` when a sample was.
    public var source: CompressedBytesSource
    /// For estimates, the relative bound the estimate states (0.03 = ±3%); nil when exact.
    public var errorBound: Double?

    public init(bytes: Int64, source: CompressedBytesSource, errorBound: Double? = nil) {
        self.bytes = bytes
        self.source = source
        self.errorBound = errorBound
    }
}
