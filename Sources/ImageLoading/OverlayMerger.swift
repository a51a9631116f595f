import ImageModel

/// Merges layer scans bottom to top as overlayfs does, and accounts for every byte a later layer
/// hides: each superseded copy of a file is wasted once, in the layer that held it.
///
/// OCI whiteout rules: a layer's whiteouts (`.wh.name`, `.wh..wh..opq`) hide only what lower layers
/// put there, wherever they stand in the layer's tar, so each layer is applied in two passes:
/// whiteouts against the lower state first, then its entries in tar order. Within a layer, a path
/// written twice keeps the later entry and the earlier copy is wasted.
struct OverlayMerger {
    /// How many of the largest superseded copies to keep for reports.
    static let largestWastedLimit = 50

    private final class Directory {
        var children: [String: Node] = [:]
        let layer: Int32
        init(layer: Int32) { self.layer = layer }
    }

    private enum Node {
        case directory(Directory)
        case leaf(Leaf)
    }

    private struct Leaf {
        var kind: FinalFile.Kind
        var size: Int64
        var layer: Int32
        var linkTarget: String?
    }

    private let root = Directory(layer: 0)
    private var wasted: [Int64]
    private var causes: [CauseKey: (bytes: Int64, files: Int)] = [:]
    private var largest: [WastedFile] = []

    private struct CauseKey: Hashable {
        var layer: Int32
        var cause: Int32
    }

    init(layerCount: Int) {
        wasted = Array(repeating: 0, count: layerCount)
    }

    /// The merged result.
    struct Result {
        var files: [FinalFile]
        var wastedBytes: [Int64]
        var causes: [WasteCause]
        var largestWasted: [WastedFile]
    }

    /// Merges `scans` (bottom first).
    static func merge(_ scans: [LayerScan]) -> Result {
        var merger = OverlayMerger(layerCount: scans.count)
        for (index, scan) in scans.enumerated() {
            merger.apply(scan, layer: Int32(index))
        }
        return merger.finish()
    }

    private mutating func apply(_ scan: LayerScan, layer: Int32) {
        for entry in scan.entries {
            switch entry.kind {
            case .whiteout:
                remove(entry.path, by: layer)
            case .opaque:
                if case .directory(let directory)? = lookup(entry.path) {
                    // Pass one runs before this layer adds anything, so every child is from below.
                    for (name, child) in directory.children {
                        directory.children[name] = nil
                        account(child, path: join(entry.path, name), by: layer, reason: .deleted)
                    }
                }
            default:
                continue
            }
        }
        for entry in scan.entries where entry.kind != .whiteout && entry.kind != .opaque {
            add(entry, layer: layer)
        }
    }

    private func lookup(_ path: String) -> Node? {
        if path.isEmpty { return .directory(root) }
        var directory = root
        let parts = path.split(separator: "/")
        for (position, part) in parts.enumerated() {
            guard let child = directory.children[String(part)] else { return nil }
            if position == parts.count - 1 { return child }
            guard case .directory(let next) = child else { return nil }
            directory = next
        }
        return nil
    }

    private mutating func remove(_ path: String, by layer: Int32) {
        let parts = path.split(separator: "/")
        guard let last = parts.last else { return }
        var directory = root
        for part in parts.dropLast() {
            guard case .directory(let next)? = directory.children[String(part)] else { return }
            directory = next
        }
        let name = String(last)
        guard let victim = directory.children[name] else { return }
        directory.children[name] = nil
        account(victim, path: path, by: layer, reason: .deleted)
    }

    /// Directories by path, so an entry finds its parent with one lookup instead of a walk from
    /// the root (the walk dominated the merge's profile). Emptied whenever a directory leaves the
    /// tree, since a cached one might be it.
    private var directoryCache: [Substring: Directory] = [:]

    private mutating func add(_ entry: LayerEntry, layer: Int32) {
        let path = entry.path
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let parentPath = slash.map { path[..<$0] } ?? ""
        let last = slash.map { path[path.index(after: $0)...] } ?? path[...]
        guard !last.isEmpty else { return }
        let directory: Directory
        if let cached = directoryCache[parentPath] {
            directory = cached
        } else {
            directory = walkCreating(parentPath, layer: layer)
            directoryCache[parentPath] = directory
        }
        let name = String(last)
        let existing = directory.children[name]

        if entry.kind == .directory {
            switch existing {
            case .directory?: return
            case .leaf(let leaf)?: account(.leaf(leaf), path: entry.path, by: layer, reason: .overwritten)
            case nil: break
            }
            directory.children[name] = .directory(Directory(layer: layer))
            return
        }
        if let existing {
            account(existing, path: entry.path, by: layer, reason: .overwritten)
        }
        let kind: FinalFile.Kind
        switch entry.kind {
        case .regular: kind = .regular
        case .symlink: kind = .symlink
        case .hardlink: kind = .hardlink
        default: kind = .other
        }
        directory.children[name] = .leaf(Leaf(kind: kind, size: entry.size, layer: layer, linkTarget: entry.linkTarget))
    }

    /// Finds the directory at `parentPath`, creating it (and replacing files in the way) as needed.
    private mutating func walkCreating(_ parentPath: Substring, layer: Int32) -> Directory {
        var directory = root
        var prefix = ""
        for part in parentPath.split(separator: "/") {
            let name = String(part)
            prefix = join(prefix, name)
            switch directory.children[name] {
            case .directory(let next)?:
                directory = next
            case .leaf(let leaf)?:
                // A file where a directory must be: the directory replaces it.
                account(.leaf(leaf), path: prefix, by: layer, reason: .overwritten)
                let next = Directory(layer: layer)
                directory.children[name] = .directory(next)
                directory = next
            case nil:
                let next = Directory(layer: layer)
                directory.children[name] = .directory(next)
                directory = next
            }
        }
        return directory
    }

    /// Records every regular file under `node` as wasted in its own layer, superseded by `layer`.
    private mutating func account(_ node: Node, path: String, by layer: Int32, reason: WastedFile.Reason) {
        switch node {
        case .leaf(let leaf):
            guard leaf.kind == .regular else { return }
            wasted[Int(leaf.layer)] += leaf.size
            let key = CauseKey(layer: leaf.layer, cause: layer)
            let previous = causes[key] ?? (0, 0)
            causes[key] = (previous.bytes + leaf.size, previous.files + 1)
            noteLargest(WastedFile(
                path: "/" + path, sizeBytes: leaf.size, layer: Int(leaf.layer), supersededBy: Int(layer), reason: reason))
        case .directory(let directory):
            directoryCache.removeAll(keepingCapacity: true)
            for (name, child) in directory.children {
                account(child, path: join(path, name), by: layer, reason: reason)
            }
        }
    }

    private mutating func noteLargest(_ file: WastedFile) {
        guard file.sizeBytes > 0 else { return }
        largest.append(file)
        if largest.count >= Self.largestWastedLimit * 20 { trimLargest() }
    }

    private mutating func trimLargest() {
        largest.sort { ($0.sizeBytes, $1.path) > ($1.sizeBytes, $0.path) }
        if largest.count > Self.largestWastedLimit { largest.removeSubrange(Self.largestWastedLimit...) }
    }

    private func join(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : prefix + "/" + name
    }

    private mutating func finish() -> Result {
        trimLargest()
        var files: [FinalFile] = []
        flatten(root, prefix: "", into: &files)
        let causeList = causes.map {
            WasteCause(layer: Int($0.key.layer), supersededBy: Int($0.key.cause), bytes: $0.value.bytes, files: $0.value.files)
        }.sorted { ($0.layer, $0.supersededBy) < ($1.layer, $1.supersededBy) }
        return Result(files: files, wastedBytes: wasted, causes: causeList, largestWasted: largest)
    }

    /// Depth first, children in name order, so the list is sorted by path components.
    private func flatten(_ directory: Directory, prefix: String, into files: inout [FinalFile]) {
        for name in directory.children.keys.sorted() {
            guard let child = directory.children[name] else { continue }
            let path = prefix + "/" + name
            switch child {
            case .directory(let next):
                flatten(next, prefix: path, into: &files)
            case .leaf(let leaf):
                let target = leaf.kind == .hardlink ? leaf.linkTarget.map { "/" + $0 } : leaf.linkTarget
                files.append(FinalFile(path: path, kind: leaf.kind, sizeBytes: leaf.size, layer: Int(leaf.layer), linkTarget: target))
            }
        }
    }
}
