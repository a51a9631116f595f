import ImageModel

/// Merges layer scans bottom to top as overlayfs does, and accounts for every byte a later layer
/// hides: each superseded copy of a file is wasted once, in the layer that held it.
///
/// OCI whiteout rules: a layer's whiteouts (`.wh.name`, `.wh..wh..opq`) hide only what lower layers
/// put there, wherever they stand in the layer's tar, so each layer is applied in two passes:
/// whiteouts against the lower state first, then its entries in tar order. Within a layer, a path
/// written twice keeps the later entry and the earlier copy is wasted.
///
/// Cost per entry: the merged tree is a `PathTree` (each name interned once) with one `PathIndex`
/// for lookups, and the parent of the previous entry is remembered, so an entry costs one probe
/// and, when it is new, one node; no string is made per entry. Names are compared as bytes.
struct OverlayMerger {
    /// How many of the largest superseded copies to keep for reports.
    static let largestWastedLimit = 50
    /// Entries whose index probes are prefetched together: enough misses in flight to cover the
    /// memory latency, few enough that the lines are still cached when the probes come.
    static let prefetchBatch = 16

    private var tree = PathTree()
    private var index: PathIndex
    private var wasted: [Int64]
    private var causes: [CauseKey: (bytes: Int64, files: Int)] = [:]
    private var largest: [WastedFile] = []
    /// Once `largest` has been trimmed, smaller copies cannot enter it.
    private var largestFloor: Int64 = 1
    /// The directories of the previous entry's parent path, root first, each with the end of its
    /// component in `cachedParentPath`: the next entry reuses the prefix they share. Emptied
    /// whenever a directory leaves the tree.
    private var cachedParentPath: [UInt8] = []
    private var cachedChain: [(end: Int, node: Int32)] = []
    /// Bumped whenever a directory leaves the tree, so that remembered directory nodes expire.
    private var generation = 0

    private struct CauseKey: Hashable {
        var layer: Int32
        var cause: Int32
    }

    init(layerCount: Int, entryCount: Int) {
        wasted = Array(repeating: 0, count: layerCount)
        index = PathIndex(capacity: entryCount)
        // At most one node per entry; names average well under 16 bytes (untouched pages cost nothing).
        tree.reserve(nodes: entryCount, nameBytes: entryCount * 16)
    }

    /// The merged result.
    struct Result {
        var files: FileList
        var wastedBytes: [Int64]
        var causes: [WasteCause]
        var largestWasted: [WastedFile]
        /// The captured contents of the copies that stay visible, keyed by final path.
        var captured: [String: [UInt8]]
    }

    /// Merges `scans` (bottom first). Each scan's entries are released once applied: the merged
    /// tree holds what is left of them (a million-file image would otherwise hold both).
    static func merge(_ scans: inout [LayerScan]) -> Result {
        var merger = OverlayMerger(layerCount: scans.count, entryCount: scans.reduce(0) { $0 + $1.entries.count })
        for index in scans.indices {
            merger.apply(scans[index].entries, layer: Int32(index))
            scans[index].entries = LayerEntries()
        }
        return merger.finish(scans)
    }

    private mutating func apply(_ entries: LayerEntries, layer: Int32) {
        for record in entries.records where record.kind == .whiteout || record.kind == .opaque {
            entries.withDirectory(record.directory) { directoryPath in
                entries.withName(record) { name in
                    if record.kind == .whiteout {
                        remove(name, in: directoryPath, by: layer)
                    } else if let directory = lookup(directoryPath, name), tree[directory].kind == .directory {
                        // Pass one runs before this layer adds anything, so every child is from below.
                        for child in tree.sortedChildren(directory) { retire(child, by: layer, reason: .deleted) }
                        tree.detachChildren(directory)
                    }
                }
            }
        }
        // The tree node of each of the layer's directories, once found; valid while `generation`
        // (bumped whenever a directory leaves the tree) is the one recorded beside it.
        var directoryNodes = [(node: Int32, generation: Int)](repeating: (-1, -1), count: entries.directoryCount)
        // Entries go in batches: first the index slot of each entry whose directory is known is
        // hashed and prefetched, then the batch is applied, so the probes' cache misses overlap.
        var hinted = [(parent: Int32, hash: Int)](repeating: (-1, 0), count: Self.prefetchBatch)
        let records = entries.records
        var batchStart = 0
        while batchStart < records.count {
            let batch = batchStart..<min(batchStart + Self.prefetchBatch, records.count)
            for position in batch {
                let record = records[position]
                let known = directoryNodes[Int(record.directory)]
                guard record.kind != .whiteout, record.kind != .opaque, known.generation == generation else {
                    hinted[position - batchStart].parent = -1
                    continue
                }
                let hash = entries.withName(record) { PathIndex.hash(parent: known.node, name: $0) }
                hinted[position - batchStart] = (known.node, hash)
                index.prefetch(hash)
            }
            for position in batch {
                let record = records[position]
                guard record.kind != .whiteout && record.kind != .opaque else { continue }
                let slot = Int(record.directory)
                let parent: Int32
                if directoryNodes[slot].generation == generation {
                    parent = directoryNodes[slot].node
                } else {
                    parent = entries.withDirectory(record.directory) { walkCreating($0, layer: layer) }
                    directoryNodes[slot] = (parent, generation)
                }
                let hint = hinted[position - batchStart]
                entries.withName(record) { name in
                    // The hash is a function of (parent, name): a hint for another parent is recomputed.
                    let hash = hint.parent == parent ? hint.hash : PathIndex.hash(parent: parent, name: name)
                    add(record, name: name, parent: parent, hash: hash, linkTarget: entries.linkTarget(record), layer: layer)
                }
            }
            batchStart = batch.upperBound
        }
    }

    /// The live node at `path` ("" is the root), walking directories only.
    private func lookup(_ path: UnsafeBufferPointer<UInt8>) -> Int32? {
        var node = PathTree.root
        for component in path.split(separator: UInt8(ascii: "/")) {
            guard tree[node].kind == .directory,
                let child = index.find(parent: node, name: UnsafeBufferPointer(rebasing: component), in: tree)
            else { return nil }
            node = child
        }
        return node
    }

    /// The live node at `directory`/`name` (the root when both are empty).
    private func lookup(_ directory: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let parent = lookup(directory) else { return nil }
        if name.isEmpty { return directory.isEmpty ? parent : nil }
        guard tree[parent].kind == .directory else { return nil }
        return index.find(parent: parent, name: name, in: tree)
    }

    private mutating func remove(_ name: UnsafeBufferPointer<UInt8>, in directory: UnsafeBufferPointer<UInt8>, by layer: Int32) {
        guard !name.isEmpty, let victim = lookup(directory, name) else { return }
        retire(victim, by: layer, reason: .deleted)
    }

    /// `hash` is `PathIndex.hash(parent:name:)`.
    private mutating func add(
        _ record: LayerEntries.Record, name: UnsafeBufferPointer<UInt8>, parent: Int32, hash: Int, linkTarget: String?,
        layer: Int32
    ) {
        guard !name.isEmpty else { return }
        let existing = index.find(parent: parent, name: name, hash: hash, in: tree)
        if record.kind == .directory {
            if let existing {
                if tree[existing].kind == .directory { return }
                retire(existing, by: layer, reason: .overwritten)
            }
            index.insert(tree.add(name, under: parent, kind: .directory, layer: layer), hash: hash, in: tree)
            return
        }
        let kind: FinalFile.Kind
        switch record.kind {
        case .regular: kind = .regular
        case .symlink: kind = .symlink
        case .hardlink: kind = .hardlink
        default: kind = .other
        }
        let target = kind == .hardlink ? linkTarget.map { "/" + $0 } : linkTarget
        if let existing, tree[existing].kind != .directory {
            account(existing, by: layer, reason: .overwritten)
            tree.update(existing, kind: kind, size: record.size, layer: layer, linkTarget: target)
            return
        }
        if let existing { retire(existing, by: layer, reason: .overwritten) }
        index.insert(
            tree.add(name, under: parent, kind: kind, size: record.size, layer: layer, linkTarget: target), hash: hash, in: tree)
    }

    /// Finds the directory at `parentPath`, creating it (and replacing files in the way) as needed.
    /// Starts from the deepest directory it shares with the previous call's path.
    private mutating func walkCreating(_ parentPath: UnsafeBufferPointer<UInt8>, layer: Int32) -> Int32 {
        // The longest cached prefix that ends at a component boundary of `parentPath`.
        var reused = 0
        let limit = min(parentPath.count, cachedParentPath.count)
        var same = 0
        cachedParentPath.withUnsafeBufferPointer { cached in
            while same < limit && cached[same] == parentPath[same] { same += 1 }
        }
        while reused < cachedChain.count {
            let end = cachedChain[reused].end
            guard end <= same, end == parentPath.count || parentPath[end] == UInt8(ascii: "/") else { break }
            reused += 1
        }
        if reused == cachedChain.count, cachedParentPath.count == parentPath.count, same == parentPath.count, reused > 0 || parentPath.isEmpty {
            return reused > 0 ? cachedChain[reused - 1].node : PathTree.root
        }
        cachedChain.removeSubrange(reused...)
        var directory = reused > 0 ? cachedChain[reused - 1].node : PathTree.root
        var start = reused > 0 ? cachedChain[reused - 1].end + 1 : 0
        cachedParentPath.removeAll(keepingCapacity: true)
        cachedParentPath.append(contentsOf: parentPath)
        while start < parentPath.count {
            var end = start
            while end < parentPath.count && parentPath[end] != UInt8(ascii: "/") { end += 1 }
            defer { start = end + 1 }
            if end == start { continue }  // an empty component (cannot happen after normalising)
            let name = UnsafeBufferPointer(rebasing: parentPath[start..<end])
            if let child = index.find(parent: directory, name: name, in: tree) {
                if tree[child].kind == .directory {
                    directory = child
                    cachedChain.append((end, directory))
                    continue
                }
                // A file where a directory must be: the directory replaces it.
                retire(child, by: layer, reason: .overwritten)
            }
            let next = tree.add(name, under: directory, kind: .directory, layer: layer)
            index.insert(next, in: tree)
            directory = next
            cachedChain.append((end, directory))
        }
        return directory
    }

    /// Takes a node out of the tree, accounting for every regular file at or below it.
    private mutating func retire(_ node: Int32, by layer: Int32, reason: WastedFile.Reason) {
        account(node, by: layer, reason: reason)
        if tree[node].kind == .directory {
            cachedChain.removeAll()
            cachedParentPath.removeAll()
            generation += 1
            unindexDescendants(node)
        }
        index.remove(node, in: tree)
        tree.kill(node)
    }

    private mutating func unindexDescendants(_ directory: Int32) {
        var pending = [directory]
        while let next = pending.popLast() {
            var child = tree[next].firstChild
            while child >= 0 {
                if tree[child].alive {
                    index.remove(child, in: tree)
                    if tree[child].kind == .directory { pending.append(child) }
                }
                child = tree[child].nextSibling
            }
        }
    }

    /// Records every regular file at or under `node` as wasted in its own layer, superseded by `layer`.
    private mutating func account(_ node: Int32, by layer: Int32, reason: WastedFile.Reason) {
        var pending = [node]
        while let next = pending.popLast() {
            let entry = tree[next]
            if entry.kind == .directory {
                var child = entry.firstChild
                while child >= 0 {
                    if tree[child].alive { pending.append(child) }
                    child = tree[child].nextSibling
                }
                continue
            }
            guard entry.kind == .regular else { continue }
            wasted[Int(entry.layer)] += entry.size
            let key = CauseKey(layer: entry.layer, cause: layer)
            let previous = causes[key] ?? (0, 0)
            causes[key] = (previous.bytes + entry.size, previous.files + 1)
            if entry.size >= largestFloor {
                largest.append(WastedFile(
                    path: tree.path(next), sizeBytes: entry.size, layer: Int(entry.layer), supersededBy: Int(layer), reason: reason))
                if largest.count >= Self.largestWastedLimit * 20 { trimLargest() }
            }
        }
    }

    private mutating func trimLargest() {
        largest.sort { ($0.sizeBytes, $1.path) > ($1.sizeBytes, $0.path) }
        if largest.count >= Self.largestWastedLimit {
            largest.removeSubrange(Self.largestWastedLimit...)
            largestFloor = max(largestFloor, largest[largest.count - 1].sizeBytes)
        }
    }

    private mutating func finish(_ scans: [LayerScan]) -> Result {
        trimLargest()
        var captured: [String: [UInt8]] = [:]
        for (layer, scan) in scans.enumerated() {
            for (path, bytes) in scan.captured {
                var path = path
                let node = path.withUTF8 { lookup($0) }
                if let node, node != PathTree.root, tree[node].kind == .regular, tree[node].layer == Int32(layer) {
                    captured["/" + path] = bytes
                }
            }
        }
        let causeList = causes.map {
            WasteCause(layer: Int($0.key.layer), supersededBy: Int($0.key.cause), bytes: $0.value.bytes, files: $0.value.files)
        }.sorted { ($0.layer, $0.supersededBy) < ($1.layer, $1.supersededBy) }
        index = PathIndex(capacity: 0)
        let (final, order) = flatten()
        tree = PathTree()
        return Result(files: FileList(tree: final, order: order), wastedBytes: wasted, causes: causeList, largestWasted: largest, captured: captured)
    }

    /// Depth first, children in name order, so the list is sorted by path components. A stack, not
    /// recursion: a hostile image may nest directories thousands deep.
    ///
    /// The list gets a tree of its own, built in this order from the live nodes only: the merged
    /// tree holds nodes in the order layers added them (and dead ones), so each pass over a
    /// million files in list order would miss the cache on every file; in the copy, every pass
    /// reads the nodes and names front to back.
    private func flatten() -> (PathTree, [Int32]) {
        var final = PathTree()
        final.reserve(nodes: tree.nodes.count, nameBytes: tree.nameByteCount)  // untouched pages cost nothing
        var order: [Int32] = []
        var stack: [(children: [Int32], next: Int, copy: Int32)] = [(tree.sortedChildren(PathTree.root), 0, PathTree.root)]
        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].children.count else {
                stack.removeLast()
                continue
            }
            let child = stack[top].children[stack[top].next]
            stack[top].next += 1
            let node = tree[child]
            let parent = stack[top].copy
            let copy = tree.withName(child) {
                final.add($0, under: parent, kind: node.kind, size: node.size, layer: node.layer, linkTarget: tree.linkTarget(child))
            }
            if node.kind == .directory {
                stack.append((tree.sortedChildren(child), 0, copy))
            } else {
                order.append(copy)
            }
        }
        return (final, order)
    }
}
