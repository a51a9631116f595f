/// One path of the merged (final) filesystem, as overlayfs would show it.
public struct FinalFile: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case regular
        case symlink
        /// A hard link to another path of the same layer; its bytes are counted on the target.
        case hardlink
        case directory
        case other
    }

    /// Absolute, normalised path: "/app/node_modules/x/index.js".
    public var path: String
    public var kind: Kind
    /// Bytes for regular files; 0 for every other kind.
    public var sizeBytes: Int64
    /// Index of the layer the visible copy comes from.
    public var layer: Int
    /// Symlink target as stored, or the absolute path a hard link points to.
    public var linkTarget: String?

    public init(path: String, kind: Kind, sizeBytes: Int64, layer: Int, linkTarget: String? = nil) {
        self.path = path
        self.kind = kind
        self.sizeBytes = sizeBytes
        self.layer = layer
        self.linkTarget = linkTarget
    }
}

/// Bytes of one layer that a later layer superseded, grouped by the layer that did it.
public struct WasteCause: Sendable, Equatable {
    /// The layer whose copies were superseded.
    public var layer: Int
    /// The layer that overwrote or deleted them (equal to `layer` when a path repeats in one layer).
    public var supersededBy: Int
    public var bytes: Int64
    public var files: Int

    public init(layer: Int, supersededBy: Int, bytes: Int64, files: Int) {
        self.layer = layer
        self.supersededBy = supersededBy
        self.bytes = bytes
        self.files = files
    }
}

/// One superseded copy of a file, for the "largest wasted" lists.
public struct WastedFile: Sendable, Equatable {
    public enum Reason: String, Sendable { case overwritten, deleted }

    public var path: String
    public var sizeBytes: Int64
    public var layer: Int
    public var supersededBy: Int
    public var reason: Reason

    public init(path: String, sizeBytes: Int64, layer: Int, supersededBy: Int, reason: Reason) {
        self.path = path
        self.sizeBytes = sizeBytes
        self.layer = layer
        self.supersededBy = supersededBy
        self.reason = reason
    }
}
