/// One entry of a layer tar, written exactly as listed (no implicit parent directories).
///
/// Paths are written as given (use `LayerSpec.pathPrefix` for `./` names); a leading `/` is kept
/// too, because real tars sometimes have one and readers must cope.
public enum EntrySpec: Hashable, Sendable {
    /// A regular file of `size` bytes. `.text`/`.bytes` content must be exactly `size` bytes;
    /// use `EntrySpec.file(_:text:)` or `EntrySpec.file(_:bytes:)` to derive the size.
    case file(String, size: Int64, content: FileContent = .zeros)
    /// A directory (written with a trailing `/`, as tar writers do).
    case dir(String)
    /// A symbolic link to `target`.
    case symlink(String, target: String)
    /// A hard link to the earlier entry `target` (header size 0).
    case hardlink(String, target: String)
    /// Deletes `path` from lower layers: writes the empty marker `parent/.wh.name`.
    case whiteout(String)
    /// Makes directory `path` opaque: writes the empty marker `path/.wh..wh..opq`.
    case opaque(String)
    /// A zero-filled regular file whose name is arbitrary bytes (non-UTF-8, hostile names).
    case rawName([UInt8], size: Int64)

    /// A file whose content is `text` (UTF-8); the size is derived from it.
    public static func file(_ path: String, text: String) -> EntrySpec {
        .file(path, size: Int64(text.utf8.count), content: .text(text))
    }

    /// A file whose content is `bytes`; the size is derived from them.
    public static func file(_ path: String, bytes: [UInt8]) -> EntrySpec {
        .file(path, size: Int64(bytes.count), content: .bytes(bytes))
    }
}

/// What a regular file's body holds. The size always comes from the `EntrySpec`.
public enum FileContent: Hashable, Sendable {
    /// Zero bytes: compresses to almost nothing, so huge layers stay cheap to write.
    case zeros
    /// UTF-8 text, which must be exactly the entry's size.
    case text(String)
    /// Literal bytes, which must be exactly the entry's size.
    case bytes([UInt8])
    /// Deterministic incompressible bytes from a splitmix64 stream seeded with `seed`.
    case pseudoRandom(seed: UInt64)
}

/// How an entry's tar name is interpreted by overlay rules; derived from the name alone, the
/// same way a reader has to classify what it sees.
enum EntryRole: Equatable {
    case regular
    case directory
    case symlink
    case hardlink
    /// `.wh.name`: hides `name` (the associated path) in lower layers.
    case whiteout(String)
    /// `.wh..wh..opq`: hides everything below the associated directory in lower layers.
    case opaque(String)
    /// `.wh..wh.aufs`, `.wh..wh.plnk/…` and the like: AUFS bookkeeping, neither file nor whiteout.
    case aufsMetadata
}

extension EntrySpec {
    /// The name written to the tar (before `LayerSpec.pathPrefix`), as raw bytes.
    var tarNameBytes: [UInt8] {
        switch self {
        case .file(let path, _, _), .symlink(let path, _), .hardlink(let path, _):
            return Array(path.utf8)
        case .dir(let path):
            return Array((path.hasSuffix("/") ? path : path + "/").utf8)
        case .whiteout(let path):
            let (parent, name) = Self.split(path)
            return Array((parent + ".wh." + name).utf8)
        case .opaque(let path):
            let directory = Self.trimmed(path)
            return Array(((directory.isEmpty ? "" : directory + "/") + ".wh..wh..opq").utf8)
        case .rawName(let bytes, _):
            return bytes
        }
    }

    /// Header size of the entry: the body length for regular files, 0 for everything else.
    var headerSize: Int64 {
        switch self {
        case .file(_, let size, _), .rawName(_, let size): return size
        case .dir, .symlink, .hardlink, .whiteout, .opaque: return 0
        }
    }

    /// Splits `a/b/c` into (`a/b/`, `c`), ignoring a trailing slash.
    static func split(_ path: String) -> (parent: String, name: String) {
        let trimmedPath = trimmed(path)
        guard let slash = trimmedPath.lastIndex(of: "/") else { return ("", trimmedPath) }
        return (String(trimmedPath[...slash]), String(trimmedPath[trimmedPath.index(after: slash)...]))
    }

    static func trimmed(_ path: String) -> String {
        var result = Substring(path)
        while result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}

/// Classifies a tar name by overlay rules. `name` is already normalised (no `./`, no trailing `/`).
func classify(normalisedName name: String, isDirectory: Bool, isSymlink: Bool, isHardlink: Bool) -> EntryRole {
    let (parent, base) = EntrySpec.split(name)
    if base == ".wh..wh..opq" { return .opaque(EntrySpec.trimmed(parent)) }
    if base.hasPrefix(".wh..wh.") || parent.contains(".wh..wh.") { return .aufsMetadata }
    if base.hasPrefix(".wh.") { return .whiteout(parent + base.dropFirst(4)) }
    if isDirectory { return .directory }
    if isSymlink { return .symlink }
    if isHardlink { return .hardlink }
    return .regular
}

/// Strips `./` and `/` prefixes and trailing slashes so equal paths compare equal.
func normalisePath(_ path: String) -> String {
    var result = Substring(path)
    while true {
        if result.hasPrefix("./") {
            result = result.dropFirst(2)
        } else if result.hasPrefix("/") {
            result = result.dropFirst()
        } else {
            break
        }
    }
    while result.hasSuffix("/") { result = result.dropLast() }
    return result == "." ? "" : String(result)
}
