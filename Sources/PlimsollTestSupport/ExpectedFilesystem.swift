/// A path in the merged filesystem, as the reference merge sees it.
public struct ExpectedFile: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case regular
        case directory
        case symlink
        case hardlink
    }

    /// Content bytes (0 for everything but regular files: a hardlink's bytes are its target's).
    public var size: Int64
    /// Index (bottom = 0) of the layer the visible copy comes from.
    public var layer: Int
    public var kind: Kind

    public init(size: Int64, layer: Int, kind: Kind) {
        self.size = size
        self.layer = layer
        self.kind = kind
    }
}

/// The reference overlay merge: an independent oracle for the reader's merge, computed from
/// specs only. It is deliberately naive (one flat dictionary, prefix scans), so that its
/// correctness is easy to see rather than fast.
///
/// Rules (OCI image spec, "Whiteouts"): a layer's whiteouts and opaque markers hide entries of
/// LOWER layers only, wherever they appear in the layer's stream; a later copy of a path
/// supersedes the earlier one (also within one layer); a non-directory hides everything a lower
/// directory of that name held. Every superseded or hidden regular file is wasted in the layer
/// that holds it, so `contentBytes.sum - finalBytes == wastedBytes.sum` always.
///
/// Paths are normalised (no `./`, no leading `/`, no trailing `/`); raw non-UTF-8 names are
/// decoded with replacement characters.
public struct ExpectedFilesystem: Hashable, Sendable {
    /// Every visible path except the root.
    public var entries: [String: ExpectedFile]
    /// Wasted bytes per layer: bytes of that layer's regular files that are not visible at the end.
    public var wastedBytes: [Int64]
    /// Content bytes per layer (as `LayerSpec.contentBytes`).
    public var contentBytes: [Int64]

    /// Visible regular files and hardlinks (the paths that hold file data).
    public var files: [String: ExpectedFile] {
        entries.filter { $0.value.kind == .regular || $0.value.kind == .hardlink }
    }

    /// Regular-file bytes visible in the merged filesystem.
    public var finalBytes: Int64 {
        entries.values.reduce(0) { $0 + ($1.kind == .regular ? $1.size : 0) }
    }

    /// Merges `layers` bottom to top.
    public static func merge(_ layers: [LayerSpec]) -> ExpectedFilesystem {
        var result = ExpectedFilesystem(
            entries: [:], wastedBytes: Array(repeating: 0, count: layers.count),
            contentBytes: layers.map(\.contentBytes)
        )
        for (index, layer) in layers.enumerated() {
            let classified = layer.entries.map { entry in
                (entry, normalisePath(layer.pathPrefix + String(decoding: entry.tarNameBytes, as: UTF8.self)))
            }
            // Markers first: they act on lower layers only, even if they come after a
            // same-layer entry of the same name in the stream.
            for (entry, _) in classified {
                switch entry.role {
                case .whiteout(let target): result.remove(below: index) { $0 == target || $0.hasPrefix(target + "/") }
                case .opaque(let directory):
                    result.remove(below: index) { directory.isEmpty || $0.hasPrefix(directory + "/") }
                default: break
                }
            }
            for (entry, path) in classified where !path.isEmpty {
                let kind: ExpectedFile.Kind
                switch entry.role {
                case .regular: kind = .regular
                case .directory: kind = .directory
                case .symlink: kind = .symlink
                case .hardlink: kind = .hardlink
                case .whiteout, .opaque, .aufsMetadata: continue
                }
                result.add(path, ExpectedFile(size: kind == .regular ? entry.headerSize : 0, layer: index, kind: kind))
            }
        }
        return result
    }

    private mutating func add(_ path: String, _ file: ExpectedFile) {
        // An ancestor that is not a directory is replaced by the directory this path implies.
        var ancestor = EntrySpec.split(path).parent
        while !ancestor.isEmpty {
            ancestor = EntrySpec.trimmed(ancestor)
            if let existing = entries[ancestor], existing.kind != .directory { remove(ancestor) }
            ancestor = EntrySpec.split(ancestor).parent
        }
        if let existing = entries[path] {
            if existing.kind == .directory && file.kind == .directory { return }  // directories merge
            remove(path)
        }
        if file.kind != .directory {
            // A non-directory hides whatever a directory of the same name held.
            let children = entries.keys.filter { $0.hasPrefix(path + "/") }
            for child in children { remove(child) }
        }
        entries[path] = file
    }

    /// Removes entries from layers below `layer` whose path matches.
    private mutating func remove(below layer: Int, where matches: (String) -> Bool) {
        let doomed = entries.filter { $0.value.layer < layer && matches($0.key) }.map(\.key)
        for path in doomed { remove(path) }
    }

    private mutating func remove(_ path: String) {
        guard let removed = entries.removeValue(forKey: path) else { return }
        if removed.kind == .regular { wastedBytes[removed.layer] += removed.size }
    }
}
