/// How a layer blob is stored in the tarball, told apart by its leading bytes, not its name.
public enum LayerCompression: String, Sendable, Codable {
    case none
    case gzip
    case zstd
    /// gzip whose tar is followed by an estargz table of contents (`stargz.index.json`).
    case estargz
    case other
}

/// Where a compressed-size figure comes from. Reports always carry this beside the number.
public enum CompressedBytesSource: String, Sendable, Codable {
    /// The blob size stored in the tarball: what a registry holds.
    case stored
    /// Computed by deflating the whole layer with zlib.
    case exact
    /// Extrapolated from deflating a sample of the layer; see the error bound.
    case estimated
    /// Not known: the layer is stored uncompressed and nothing was computed.
    case unknown

    /// The weakest of several sources (unknown < estimated < exact < stored): the label of a sum
    /// of figures, such as an image's total over its layers. `stored` for none.
    public static func weakest(_ sources: some Sequence<CompressedBytesSource>) -> CompressedBytesSource {
        let sources = Set(sources)
        if sources.contains(.unknown) { return .unknown }
        if sources.contains(.estimated) { return .estimated }
        if sources.contains(.exact) { return .exact }
        return .stored
    }
}

/// One layer of an image, bottom first, with every size this tool reports about it.
public struct ImageLayer: Sendable, Equatable {
    /// Position in the stack, 0 = bottom.
    public var index: Int
    /// The config's `rootfs.diff_ids` entry: sha256 of the uncompressed layer tar.
    public var diffID: String?
    /// The blob's digest when the tarball names blobs by digest (OCI layouts, skopeo, kaniko).
    public var blobDigest: String?
    /// Where the blob sits in the tarball (after resolving symlinked `layer.tar` entries).
    public var blobPath: String
    /// The history step that made the layer (`created_by`), when history pairs with the layers.
    public var createdBy: String?
    /// The media type from the OCI manifest, or the Docker v2 type implied by the compression.
    public var mediaType: String
    public var compression: LayerCompression
    /// Length of the uncompressed layer tar (what `diff_id` hashes).
    public var tarBytes: Int64
    /// Sum of regular-file sizes in the layer; hard links and whiteouts count 0.
    public var contentBytes: Int64
    /// Compressed size, as `compressedBytesSource` says; nil when unknown.
    public var compressedBytes: Int64?
    public var compressedBytesSource: CompressedBytesSource
    /// For estimates: the relative error bound the estimate states (0.03 = ±3%).
    public var compressedBytesErrorBound: Double?
    /// Every tar entry, of every kind.
    public var entryCount: Int
    /// Regular files (hard links excluded).
    public var fileCount: Int
    /// Bytes of this layer's files that later layers (or later entries of this layer) overwrite or
    /// delete: each superseded copy counted once.
    public var wastedBytes: Int64

    public init(
        index: Int, diffID: String?, blobDigest: String?, blobPath: String, createdBy: String?,
        mediaType: String, compression: LayerCompression, tarBytes: Int64, contentBytes: Int64,
        compressedBytes: Int64?, compressedBytesSource: CompressedBytesSource,
        compressedBytesErrorBound: Double? = nil, entryCount: Int, fileCount: Int, wastedBytes: Int64
    ) {
        self.index = index
        self.diffID = diffID
        self.blobDigest = blobDigest
        self.blobPath = blobPath
        self.createdBy = createdBy
        self.mediaType = mediaType
        self.compression = compression
        self.tarBytes = tarBytes
        self.contentBytes = contentBytes
        self.compressedBytes = compressedBytes
        self.compressedBytesSource = compressedBytesSource
        self.compressedBytesErrorBound = compressedBytesErrorBound
        self.entryCount = entryCount
        self.fileCount = fileCount
        self.wastedBytes = wastedBytes
    }
}
