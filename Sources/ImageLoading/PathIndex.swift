import CPrefetch
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
        find(parent: parent, name: name, hash: Self.hash(parent: parent, name: name), in: tree)
    }

    /// `find` with the hash of (parent, name) already taken.
    func find(parent: Int32, name: UnsafeBufferPointer<UInt8>, hash: Int, in tree: PathTree) -> Int32? {
        var slot = hash & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if tree[id].parent == parent, tree.withName(id, { $0.sameBytes(as: name) }) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a node that is not in the index yet.
    mutating func insert(_ id: Int32, in tree: PathTree) {
        insert(id, hash: hash(of: id, tree), in: tree)
    }

    /// `insert` with the node's hash already taken.
    mutating func insert(_ id: Int32, hash: Int, in tree: PathTree) {
        if (count + 1) * 2 > slots.count { grow(tree) }
        place(id, hash: hash)
        count += 1
    }

    /// Starts loading the slot a probe for `hash` begins at. The table is larger than any cache,
    /// so nearly every probe misses; hinted a few entries ahead, the misses overlap instead of
    /// being waited for one at a time (it was nine tenths of the merge's time on a million files).
    func prefetch(_ hash: Int) {
        slots.withUnsafeBufferPointer { plimsoll_prefetch($0.baseAddress! + (hash & mask)) }
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

    private func hash(of id: Int32, _ tree: PathTree) -> Int {
        tree.withName(id) { Self.hash(parent: tree[id].parent, name: $0) }
    }

    private func home(_ id: Int32, _ tree: PathTree) -> Int { hash(of: id, tree) & mask }

    /// Puts `id` in the first free slot of its probe run.
    private mutating func place(_ id: Int32, hash: Int) {
        var slot = hash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
    }

    private mutating func grow(_ tree: PathTree) {
        let old = slots
        slots = Array(repeating: -1, count: old.count * 2)
        mask = slots.count - 1
        for id in old where id >= 0 { place(id, hash: hash(of: id, tree)) }
    }
}
