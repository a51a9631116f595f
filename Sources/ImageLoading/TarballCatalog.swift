import ArchiveIO

/// What the first look at an input found: the small JSON documents, the blobs (by path inside the
/// tarball), and the symlinks between them. Manifests are resolved against this afterwards, because
/// they usually come after the layers in the stream.
struct TarballCatalog: Sendable {
    /// Where a blob's bytes are, or what was already learned from them.
    enum Blob: Sendable {
        /// A byte range of the (seekable, uncompressed) input file.
        case range(offset: Int64, length: Int64)
        /// A file of an OCI layout directory.
        case file(path: String, length: Int64)
        /// Already scanned while streaming past.
        case scanned(LayerScan)
        /// Seen while streaming, not an archive (or unreadable as one); the reason is kept.
        case opaque(length: Int64, reason: String)
    }

    /// Small JSON documents (manifests, indexes, configs) by path.
    var documents: [String: [UInt8]] = [:]
    var blobs: [String: Blob] = [:]
    /// Symlinks and hard links between entries of the outer tarball (skopeo's `layer.tar` links).
    var links: [String: String] = [:]
    /// Every regular-file path seen, for the "is this a root filesystem?" hint.
    var topLevelNames: Set<String> = []
    var notes: [String] = []

    /// Records a symlink or hard link of the outer tarball. Hard links name their target from the
    /// archive root, symlinks from their own directory.
    mutating func addLink(_ entry: ArchiveEntry, at name: String) {
        guard let target = entry.linkTarget else { return }
        links[name] = entry.kind == .hardlink ? "/" + target : target
    }

    /// Follows links (relative to the link's directory) to the entry a path finally names.
    func resolve(_ path: String) -> String {
        var current = Self.clean(path)
        var hops = 0
        while let target = links[current], hops < 16 {
            current = Self.join(directoryOf: current, target)
            hops += 1
        }
        return current
    }

    /// "./x" and "/x" -> "x".
    static func clean(_ path: String) -> String {
        if case .path(let normalised, _, _) = EntryPath.normalise(path) { return normalised }
        return path
    }

    /// Resolves `target` relative to the directory holding `link`.
    static func join(directoryOf link: String, _ target: String) -> String {
        if target.hasPrefix("/") { return clean(target) }
        let directory = link.split(separator: "/").dropLast().joined(separator: "/")
        return clean(directory.isEmpty ? target : directory + "/" + target)
    }
}
