/// One image read from a tarball: its layers, its merged filesystem, and what was captured.
///
/// This is the reader's whole output and the accountant's whole input. Sums that can be derived
/// are computed properties, so they cannot disagree with the layers.
public struct LoadedImage: Sendable {
    /// A display name: the first tag, else the short config digest.
    public var name: String
    public var tags: [String]
    /// The config digest ("sha256:..."), which is the image ID.
    public var configDigest: String?
    /// The manifest digest, when the tarball holds an OCI manifest for the image.
    public var manifestDigest: String?
    public var platform: Platform?
    public var config: ImageConfigFacts
    public var layers: [ImageLayer]
    /// Every path of the merged filesystem except directories, sorted by path.
    public var files: FileList
    /// Contents of the files the capture policy asked for, keyed by final path; only copies that
    /// are visible in the final filesystem.
    public var captured: [String: [UInt8]]
    /// Waste grouped by (layer, superseding layer), sorted by layer then superseding layer.
    public var wasteCauses: [WasteCause]
    /// The largest superseded copies, largest first.
    public var largestWasted: [WastedFile]
    /// Warnings about the input that did not stop the analysis, in the order met.
    public var notes: [String]
    /// False when only the manifest and config were read (`--manifest-only`): the layers' content,
    /// final and wasted sizes and the files are then not measured (zero and empty here).
    public var contentMeasured = true
    /// SHA-256 digests ("sha256:<hex>") of the final regular files that may have an identical
    /// copy at another path, keyed by final path: files of at least `LoadOptions.digestMinBytes`
    /// whose size another final file shares (and, in compressed layers, whose CRC-64 it shares).
    /// Other files are not hashed, so a file missing here has no identical twin.
    public var fileDigests: [String: String] = [:]

    public init(
        name: String, tags: [String], configDigest: String?, manifestDigest: String?,
        platform: Platform?, config: ImageConfigFacts, layers: [ImageLayer], files: FileList,
        captured: [String: [UInt8]], wasteCauses: [WasteCause], largestWasted: [WastedFile],
        notes: [String]
    ) {
        self.name = name
        self.tags = tags
        self.configDigest = configDigest
        self.manifestDigest = manifestDigest
        self.platform = platform
        self.config = config
        self.layers = layers
        self.files = files
        self.captured = captured
        self.wasteCauses = wasteCauses
        self.largestWasted = largestWasted
        self.notes = notes
    }

    /// An image whose files are listed one by one (made by hand rather than read).
    public init(
        name: String, tags: [String], configDigest: String?, manifestDigest: String?,
        platform: Platform?, config: ImageConfigFacts, layers: [ImageLayer], files: [FinalFile],
        captured: [String: [UInt8]], wasteCauses: [WasteCause], largestWasted: [WastedFile],
        notes: [String]
    ) {
        self.init(
            name: name, tags: tags, configDigest: configDigest, manifestDigest: manifestDigest, platform: platform,
            config: config, layers: layers, files: FileList(files), captured: captured, wasteCauses: wasteCauses,
            largestWasted: largestWasted, notes: notes)
    }

    /// Sum of the layers' content bytes: what `docker images` shows as SIZE (classic store).
    public var contentBytes: Int64 { layers.reduce(0) { $0 + $1.contentBytes } }
    /// Regular-file bytes visible in the merged filesystem.
    public var finalBytes: Int64 {
        files.indices.reduce(0) { $0 + (files.kind(at: $1) == .regular ? files.sizeBytes(at: $1) : 0) }
    }
    /// Bytes superseded by later layers: `contentBytes - finalBytes`.
    public var wastedBytes: Int64 { layers.reduce(0) { $0 + $1.wastedBytes } }
    /// Regular files of the merged filesystem.
    public var fileCount: Int { files.indices.reduce(0) { $0 + (files.kind(at: $1) == .regular ? 1 : 0) } }
    /// Sum of the layers' compressed bytes, or nil when any layer's is unknown.
    public var compressedBytes: Int64? {
        var total: Int64 = 0
        for layer in layers {
            guard let bytes = layer.compressedBytes else { return nil }
            total += bytes
        }
        return total
    }
    /// The weakest source among the layers (unknown < estimated < exact/stored).
    public var compressedBytesSource: CompressedBytesSource { .weakest(layers.map(\.compressedBytesSource)) }
}
