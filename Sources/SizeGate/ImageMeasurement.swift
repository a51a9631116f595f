import Charts
import ImageModel
import SizeAccounting

/// What the gate knows about one image at one moment (named so as not to clash with
/// Foundation's `Measurement`): the figures every rule, report, baseline
/// and history record is made from. Plain data, so it can be rebuilt from a saved report.
public struct ImageMeasurement: Sendable, Equatable {
    /// The image's name for baselines and reports (`api-gateway`).
    public var name: String
    public var recordedAt: UTCTimestamp
    /// The config digest (`sha256:...`), which is the image ID; nil when unknown.
    public var imageDigest: String?
    public var tags: [String]
    /// Sum of the layers' regular-file bytes: what `docker images` shows as SIZE (classic store).
    public var contentBytes: Int64
    /// Regular-file bytes visible in the merged filesystem.
    public var finalBytes: Int64
    /// Bytes of copies that later layers overwrite or delete (`contentBytes - finalBytes`).
    public var wastedBytes: Int64
    /// Bytes of final-filesystem files that match the baseline's `ignorePaths`: not gated.
    public var ignoredBytes: Int64
    /// Sum of compressed layer sizes; nil when any layer's is unknown.
    public var compressedBytes: Int64?
    public var compressedBytesSource: CompressedBytesSource
    /// The relative error bound of an estimated compressed size (0.057 = ±5.7%); nil otherwise.
    public var compressedBytesErrorBound: Double?
    public var layers: [LayerMeasurement]
    /// Bytes and files per category, the accountant's own totals; empty when no accountant ran.
    public var categories: [SizeLedger.CategoryTotal]
    /// The largest packages, largest first, as the accountant found them.
    public var packages: [InstalledPackage]
    /// False for `--manifest-only` reads: only the compressed size is known, so the gate judges
    /// only compressed-size rules and skips the rest with a note.
    public var contentMeasured = true

    public init(
        name: String, recordedAt: UTCTimestamp, imageDigest: String?, tags: [String], contentBytes: Int64,
        finalBytes: Int64, wastedBytes: Int64, ignoredBytes: Int64 = 0, compressedBytes: Int64?,
        compressedBytesSource: CompressedBytesSource, compressedBytesErrorBound: Double? = nil, layers: [LayerMeasurement],
        categories: [SizeLedger.CategoryTotal] = [], packages: [InstalledPackage] = []
    ) {
        self.name = name
        self.recordedAt = recordedAt
        self.imageDigest = imageDigest
        self.tags = tags
        self.contentBytes = contentBytes
        self.finalBytes = finalBytes
        self.wastedBytes = wastedBytes
        self.ignoredBytes = ignoredBytes
        self.compressedBytes = compressedBytes
        self.compressedBytesSource = compressedBytesSource
        self.compressedBytesErrorBound = compressedBytesSource == .estimated ? compressedBytesErrorBound : nil
        self.layers = layers
        self.categories = categories
        self.packages = packages
    }

    /// The size the limits and growth rules judge: content bytes less ignored bytes.
    public var gatedBytes: Int64 { contentBytes - ignoredBytes }

    /// Bytes of `category`; nil when no categories were measured at all, 0 when the category is
    /// simply absent.
    public func categoryBytes(_ category: SizeCategory) -> Int64? {
        guard !categories.isEmpty else { return nil }
        return categories.first { $0.category == category }?.bytes ?? 0
    }
}

/// One layer's size, enough to match it against another image's layers (by `diff_id` for the
/// fleet's shared layers, and for `diff`).
public struct LayerMeasurement: Sendable, Equatable {
    public var index: Int
    public var diffID: String?
    public var createdBy: String?
    public var contentBytes: Int64
    /// The blob's digest when the input names blobs by digest; nil otherwise and in records
    /// written before plimsoll stored it.
    public var blobDigest: String?
    /// The layer's compressed size (the image's `compressedBytesSource` says where it comes from);
    /// nil when unknown, and in records written before plimsoll stored it.
    public var compressedBytes: Int64?

    public init(
        index: Int, diffID: String?, createdBy: String?, contentBytes: Int64, blobDigest: String? = nil,
        compressedBytes: Int64? = nil
    ) {
        self.index = index
        self.diffID = diffID
        self.createdBy = createdBy
        self.contentBytes = contentBytes
        self.blobDigest = blobDigest
        self.compressedBytes = compressedBytes
    }
}

extension ImageMeasurement {
    /// How many packages a measurement keeps by default.
    public static let defaultPackageLimit = 50

    /// Measures a loaded image. Categories and packages come from the accountant's `ledger` of
    /// it (none without one: the gate then skips category rules with a note); `ignorePaths`
    /// decide `ignoredBytes`.
    public init(
        image: LoadedImage, name: String, recordedAt: UTCTimestamp, ledger: SizeLedger?, ignorePaths: [PathPattern] = [],
        packageLimit: Int = ImageMeasurement.defaultPackageLimit
    ) {
        let categories = ledger?.categories ?? []
        let packages = ledger?.packages ?? []
        var ignored: Int64 = 0
        if !ignorePaths.isEmpty {
            let patterns = PathPatternSet(ignorePaths, workdir: image.config.workdir)
            for file in image.files where file.kind == .regular && patterns.matches(file.path) {
                ignored += file.sizeBytes
            }
        }
        let sortedCategories = categories.sorted { ($0.bytes, $1.category) > ($1.bytes, $0.category) }
        let sortedPackages = packages.sorted {
            if $0.sizeBytes != $1.sizeBytes { return $0.sizeBytes > $1.sizeBytes }
            if $0.name != $1.name { return $0.name < $1.name }
            if $0.version != $1.version { return ($0.version ?? "") < ($1.version ?? "") }
            return $0.ecosystem < $1.ecosystem
        }
        self.init(
            name: name, recordedAt: recordedAt, imageDigest: image.configDigest, tags: image.tags,
            contentBytes: image.contentBytes, finalBytes: image.finalBytes, wastedBytes: image.wastedBytes,
            ignoredBytes: ignored, compressedBytes: image.compressedBytes,
            compressedBytesSource: image.compressedBytesSource, compressedBytesErrorBound: image.compressedBytesErrorBound,
            layers: image.layers.map {
                LayerMeasurement(
                    index: $0.index, diffID: $0.diffID, createdBy: $0.createdBy, contentBytes: $0.contentBytes,
                    blobDigest: $0.blobDigest, compressedBytes: $0.compressedBytes)
            },
            categories: sortedCategories, packages: Array(sortedPackages.prefix(max(0, packageLimit))))
        contentMeasured = image.contentMeasured
    }
}
