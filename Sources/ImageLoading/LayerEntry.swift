import ImageModel
import WireSize

/// One tar entry of a layer, reduced to what the overlay merge and the accountant need.
struct LayerEntry: Sendable {
    enum Kind: UInt8, Sendable {
        case regular, directory, symlink, hardlink, other
        /// `dir/.wh.name`: deletes `dir/name` from lower layers. `path` is the deleted path.
        case whiteout
        /// `dir/.wh..wh..opq`: hides everything below `dir` from lower layers. `path` is `dir`.
        case opaque
    }

    /// Normalised: no leading "/" or "./", no trailing "/", no "." or ".." components; "" is the root.
    var path: String
    var kind: Kind
    var size: Int64
    /// Symlink target as stored; for hard links, the normalised target path.
    var linkTarget: String?
}

/// Everything the loader learned from one layer blob.
struct LayerScan: Sendable {
    var entries: [LayerEntry] = []
    var entryCount = 0
    var fileCount = 0
    var contentBytes: Int64 = 0
    /// Length of the uncompressed layer tar.
    var tarBytes: Int64 = 0
    /// Length of the blob as stored.
    var storedBytes: Int64 = 0
    var compression: LayerCompression = .none
    /// The compressed size computed for a blob stored uncompressed (`LoadOptions.compressedSize`).
    var computedCompressedSize: CompressedSizeFigure?
    /// Contents of the files the capture policy matched, keyed by normalised path.
    var captured: [String: [UInt8]] = [:]
    var notes: [String] = []
}
