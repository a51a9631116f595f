import ArchiveIO

/// What the first look at an input found: every blob (by path inside the tarball), the small
/// documents already read, and the symlinks between them. Manifests are resolved against this
/// afterwards, because they usually come after the layers in the stream.
///
/// Whether a blob is a layer, a config or a manifest is decided by who references it, not by its
/// name or first bytes: every regular entry is a blob, and on a seekable input or a directory any
/// of them can also be read as a document when a manifest names it as one.
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

    /// Small entries already read while streaming past (they cannot be read again later), by path.
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

    /// The bytes of a document (manifest, index, config) at `path`: read while streaming, or read now
    /// from the input file (`descriptor`) or the layout directory. Nil when there is no such entry.
    func document(_ path: String, descriptor: Int32) throws(DocumentReadFailure) -> [UInt8]? {
        if let bytes = documents[path] { return bytes }
        guard let blob = blobs[path] else { return nil }
        guard blob.length <= CatalogReader.maxDocumentBytes else {
            throw .tooLarge(bytes: blob.length, limit: CatalogReader.maxDocumentBytes)
        }
        let reader = FileSystem()
        do throws(FileSystem.Failure) {
            switch blob {
            case .range(let offset, let length):
                return try reader.read(descriptor: descriptor, offset: offset, length: Int(length))
            case .file(let file, _):
                return try reader.read(file)
            case .scanned, .opaque:
                // Streamed past and not kept: it was an archive, not a document.
                throw FileSystem.Failure(description: "it is an archive, not a document")
            }
        } catch {
            throw .unreadable(error.description)
        }
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

/// Why a document named by a manifest could not be read.
enum DocumentReadFailure: Error {
    case tooLarge(bytes: Int64, limit: Int64)
    case unreadable(String)
}
