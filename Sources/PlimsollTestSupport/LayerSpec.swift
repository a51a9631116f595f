/// How a layer blob is stored in the image tarball.
public enum LayerBlobCompression: String, Hashable, Sendable {
    /// Stored as a plain tar.
    case none
    /// gzip-compressed layer blob.
    case gzip
    /// zstd-compressed layer blob.
    case zstd

    /// The OCI media type of a layer stored this way (Docker 25 writes these too).
    public var ociMediaType: String {
        switch self {
        case .none: return "application/vnd.oci.image.layer.v1.tar"
        case .gzip: return "application/vnd.oci.image.layer.v1.tar+gzip"
        case .zstd: return "application/vnd.oci.image.layer.v1.tar+zstd"
        }
    }
}

/// One image layer: the entries of its tar, in stream order, and how the blob is compressed.
public struct LayerSpec: Hashable, Sendable {
    /// Entries written in this order, and nothing else.
    public var entries: [EntrySpec]
    public var compression: LayerBlobCompression
    /// The history `created_by` of this layer; nil gives `"RUN layer <index>"`.
    public var createdBy: String?
    /// Prepended to every entry name (`"./"` reproduces tars made with `tar -C dir .`).
    public var pathPrefix: String

    public init(
        _ entries: [EntrySpec], compression: LayerBlobCompression = .none, createdBy: String? = nil,
        pathPrefix: String = ""
    ) {
        self.entries = entries
        self.compression = compression
        self.createdBy = createdBy
        self.pathPrefix = pathPrefix
    }

    /// Same as `init(_:…)` with a labelled first argument, matching the design note.
    public init(entries: [EntrySpec], compression: LayerBlobCompression = .none, createdBy: String? = nil) {
        self.init(entries, compression: compression, createdBy: createdBy)
    }
}

// MARK: - Expectations computed from the spec alone

extension LayerSpec {
    /// The names as they appear in the tar, as raw bytes, in stream order.
    public var tarNameBytes: [[UInt8]] {
        entries.map { Array(pathPrefix.utf8) + $0.tarNameBytes }
    }

    /// Content bytes: the sum of regular-file sizes. Hardlinks, whiteout markers, directories and
    /// symlinks count 0 (FORMATS.md, "What size means").
    public var contentBytes: Int64 {
        entries.reduce(0) { total, entry in total + (entry.isContentFile ? entry.headerSize : 0) }
    }

    /// Regular files that carry content: `.file` and `.rawName` entries that are not whiteout
    /// or AUFS markers. Hardlinks are not counted (they share the target's bytes).
    public var fileCount: Int {
        entries.filter(\.isContentFile).count
    }

    /// The number of entries the layer tar contains: exactly the spec's entries.
    public var entryCount: Int { entries.count }

    /// Hardlink entries in the layer.
    public var hardlinkCount: Int {
        entries.filter { if case .hardlink = $0 { return true } else { return false } }.count
    }
}

extension EntrySpec {
    /// The entry's overlay role, from its tar name (a `.file` named `.wh.x` is a whiteout).
    var role: EntryRole {
        let name = normalisePath(String(decoding: tarNameBytes, as: UTF8.self))
        switch self {
        case .dir: return classify(normalisedName: name, isDirectory: true, isSymlink: false, isHardlink: false)
        case .symlink: return classify(normalisedName: name, isDirectory: false, isSymlink: true, isHardlink: false)
        case .hardlink: return classify(normalisedName: name, isDirectory: false, isSymlink: false, isHardlink: true)
        case .file, .whiteout, .opaque, .rawName:
            return classify(normalisedName: name, isDirectory: false, isSymlink: false, isHardlink: false)
        }
    }

    /// True for regular files whose bytes are content (not whiteout or AUFS markers).
    var isContentFile: Bool {
        switch self {
        case .file, .rawName: return role == .regular
        default: return false
        }
    }
}
