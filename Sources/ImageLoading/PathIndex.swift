import ImageModel

/// Finds a live node of a `PathTree` by (parent, name): one open-addressing table for the whole
/// tree (4 bytes a slot, linear probing), instead of a dictionary of `String` keys per directory.
/// The names are not copied: a probe compares against the tree's interned bytes.
struct PathIndex {
    private var slots: [Int32]
    private var mask: Int
    private var count = 0

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    static func hash(parent: Int32, name: UnsafeBufferPointer<UInt8>) -> Int {
        // FNV-1a over the name, seeded with the parent: names are short, so this is a few cycles.
        var hash: UInt64 = 14_695_981_039_346_656_037 ^ UInt64(UInt32(bitPattern: parent))
        for byte in name { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    func find(parent: Int32, name: UnsafeBufferPointer<UInt8>, in tree: PathTree) -> Int32? {
        var slot = Self.hash(parent: parent, name: name) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if tree[id].parent == parent, tree.withName(id, { $0.sameBytes(as: name) }) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a node that is not in the index yet.
    mutating func insert(_ id: Int32, in tree: PathTree) {
        if (count + 1) * 2 > slots.count { grow(tree) }
        place(id, tree)
        count += 1
    }

    /// Removes a node (if present), shifting later entries of its probe run back so that no
    /// tombstones pile up in an image that deletes many files.
    mutating func remove(_ id: Int32, in tree: PathTree) {
        var slot = home(id, tree)
        while slots[slot] != id {
            if slots[slot] < 0 { return }
            slot = (slot + 1) & mask
        }
        slots[slot] = -1
        count -= 1
        var hole = slot
        var next = (slot + 1) & mask
        while slots[next] >= 0 {
            let wanted = home(slots[next], tree)
            // Move the entry into the hole unless its home lies cyclically in (hole, next].
            let distanceToNext = (next - wanted) & mask
            let distanceToHole = (hole - wanted) & mask
            if distanceToHole < distanceToNext {
                slots[hole] = slots[next]
                slots[next] = -1
                hole = next
            }
            next = (next + 1) & mask
        }
    }

    private func home(_ id: Int32, _ tree: PathTree) -> Int {
        tree.withName(id) { Self.hash(parent: tree[id].parent, name: $0) } & mask
    }

    private mutating func place(_ id: Int32, _ tree: PathTree) {
        var slot = home(id, tree)
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
    }

    private mutating func grow(_ tree: PathTree) {
        let old = slots
        slots = Array(repeating: -1, count: old.count * 2)
        mask = slots.count - 1
        for id in old where id >= 0 { place(id, tree) }
    }
}
