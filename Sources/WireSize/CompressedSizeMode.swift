/// How the reader fills in compressed sizes for layers that the tarball stores uncompressed.
///
/// Layers stored compressed always report their stored blob size, whatever the mode.
public enum CompressedSizeMode: String, Sendable, CaseIterable {
    /// Only what the tarball stores; uncompressed layers report no compressed size.
    case stored
    /// Deflate a stratified sample of each uncompressed layer and extrapolate, with an error bound.
    case estimate
    /// Deflate every byte of each uncompressed layer as it streams past.
    case exact
}

/// The compressed-size mode with the gzip level it deflates at.
public struct CompressedSizeOptions: Sendable, Equatable {
    public var mode: CompressedSizeMode
    /// zlib compression level, 1 (fastest) to 9 (smallest); 6 is what `gzip` and most image
    /// builders use by default.
    public var gzipLevel: Int

    /// gzip's and zlib's default level.
    public static let defaultGzipLevel = 6
    /// Today's behaviour: stored sizes only.
    public static let stored = CompressedSizeOptions(mode: .stored)

    /// `gzipLevel` is clamped to 1...9.
    public init(mode: CompressedSizeMode, gzipLevel: Int = CompressedSizeOptions.defaultGzipLevel) {
        self.mode = mode
        self.gzipLevel = min(9, max(1, gzipLevel))
    }
}
