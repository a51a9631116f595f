#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths stored once: a tree whose nodes hold one interned name component each, in flat arrays.
///
/// A million-file image would otherwise hold a million path strings (80 bytes of heap each, one
/// allocation each) in every stage that lists files. Here a file costs one 48-byte node and its
/// name's bytes; its path is the names from the root down, built only when someone asks for it.
/// Node 0 is the root directory. Nodes are never freed: a removed node is marked dead and left
/// in place, so the path of anything that was ever in the tree can still be told (for waste).
public struct PathTree: Sendable {
    public struct Node: Sendable {
        @usableFromInline var nameStart: Int
        public var size: Int64
        public var parent: Int32
        /// The first child (directories); children are chained through `nextSibling`.
        public var firstChild: Int32 = -1
        public var nextSibling: Int32 = -1
        @usableFromInline var nameLength: Int32
        public var layer: Int32
        /// Index into `links`, or -1.
        public var link: Int32 = -1
        public var kind: FinalFile.Kind
        public var alive = true
    }

    public private(set) var nodes: [Node]
    @usableFromInline private(set) var names: [UInt8] = []
    private(set) var links: [String] = []

    public init() {
        nodes = [Node(nameStart: 0, size: 0, parent: -1, nameLength: 0, layer: 0, kind: .directory)]
    }

    public static let root: Int32 = 0

    /// Makes room for `nodes` more nodes and `nameBytes` more name bytes at once: growing a
    /// million-node array by doubling would hold the old and the new copy at the same time.
    public mutating func reserve(nodes count: Int, nameBytes: Int) {
        nodes.reserveCapacity(nodes.count + count)
        names.reserveCapacity(names.count + nameBytes)
    }

    /// Adds a live node under `parent` (which must be a directory) and returns it.
    public mutating func add(
        _ name: UnsafeBufferPointer<UInt8>, under parent: Int32, kind: FinalFile.Kind, size: Int64 = 0, layer: Int32,
        linkTarget: String? = nil
    ) -> Int32 {
        let id = Int32(nodes.count)
        var node = Node(nameStart: names.count, size: size, parent: parent, nameLength: Int32(name.count), layer: layer, kind: kind)
        names.append(contentsOf: name)
        node.link = record(linkTarget)
        node.nextSibling = nodes[Int(parent)].firstChild
        nodes.append(node)
        nodes[Int(parent)].firstChild = id
        return id
    }

    /// Replaces what a live leaf holds (a file written again in place).
    public mutating func update(_ id: Int32, kind: FinalFile.Kind, size: Int64, layer: Int32, linkTarget: String?) {
        nodes[Int(id)].kind = kind
        nodes[Int(id)].size = size
        nodes[Int(id)].layer = layer
        nodes[Int(id)].link = record(linkTarget)
    }

    /// Marks a node dead; its descendants become unreachable with it.
    public mutating func kill(_ id: Int32) { nodes[Int(id)].alive = false }

    /// Forgets every child of a directory (after they were killed).
    public mutating func detachChildren(_ id: Int32) { nodes[Int(id)].firstChild = -1 }

    private mutating func record(_ linkTarget: String?) -> Int32 {
        guard let linkTarget else { return -1 }
        links.append(linkTarget)
        return Int32(links.count - 1)
    }

    // Inlinable, as `withName` is: the merge and every pass over a million files call these per
    // file from other modules, and an outlined call copies the whole node each time.
    @inlinable public subscript(id: Int32) -> Node { nodes[Int(id)] }

    /// Bytes of all the names stored (live and dead nodes').
    public var nameByteCount: Int { names.count }

    public func linkTarget(_ id: Int32) -> String? {
        let link = nodes[Int(id)].link
        return link < 0 ? nil : links[Int(link)]
    }

    /// Calls `body` with the nodes and the name bytes themselves, for passes over every node.
    func withStorage<T>(_ body: (UnsafeBufferPointer<Node>, UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try nodes.withUnsafeBufferPointer { nodes in try names.withUnsafeBufferPointer { try body(nodes, $0) } }
    }

    /// Calls `body` with the node's name bytes.
    @inlinable public func withName<T>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let node = nodes[Int(id)]
        return try names.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[node.nameStart..<(node.nameStart + Int(node.nameLength))]))
        }
    }

    /// Appends the node's name bytes to `bytes`.
    public func appendName(_ id: Int32, to bytes: inout [UInt8]) {
        let node = nodes[Int(id)]
        bytes.append(contentsOf: names[node.nameStart..<(node.nameStart + Int(node.nameLength))])
    }

    public func name(_ id: Int32) -> String { withName(id) { String(decoding: $0, as: UTF8.self) } }

    /// Live children of a directory, in name order (byte order; `String` order when a name is not
    /// ASCII, as a sorted list of strings would have it).
    ///
    /// Byte order sorts keys made of each name's first 8 bytes, in one array, and compares whole
    /// names only when those are equal: comparing names through their nodes costs two cache misses
    /// per comparison, which made sorting the largest part of flattening a million-file tree.
    public func sortedChildren(_ id: Int32) -> [Int32] {
        var keyed: [(key: UInt64, id: Int32)] = []
        var ascii = true
        return names.withUnsafeBufferPointer { bytes in
            func name(_ id: Int32) -> UnsafeBufferPointer<UInt8> {
                let node = nodes[Int(id)]
                return UnsafeBufferPointer(rebasing: bytes[node.nameStart..<(node.nameStart + Int(node.nameLength))])
            }
            var child = nodes[Int(id)].firstChild
            while child >= 0 {
                let node = nodes[Int(child)]
                if node.alive {
                    let text = name(child)
                    if ascii && text.contains(where: { $0 >= 0x80 }) { ascii = false }
                    // Big-endian, padded with zeros: keys that differ order as the names do.
                    var key: UInt64 = 0
                    for index in 0..<8 { key = key << 8 | UInt64(index < text.count ? text[index] : 0) }
                    keyed.append((key, child))
                }
                child = node.nextSibling
            }
            guard ascii else {
                return keyed.map(\.id).sorted { String(decoding: name($0), as: UTF8.self) < String(decoding: name($1), as: UTF8.self) }
            }
            keyed.sort { a, b in
                if a.key != b.key { return a.key < b.key }
                let left = name(a.id), right = name(b.id)
                let shared = min(left.count, right.count)
                let common = shared == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, shared)
                return common != 0 ? common < 0 : left.count < right.count
            }
            return keyed.map(\.id)
        }
    }

    /// "/a/b/c" for node c; "/" for the root.
    public func path(_ id: Int32) -> String {
        var bytes: [UInt8] = []
        appendPath(id, to: &bytes)
        return bytes.isEmpty ? "/" : String(decoding: bytes, as: UTF8.self)
    }

    /// Appends "/a/b/c" for node c to `bytes` (nothing for the root).
    public func appendPath(_ id: Int32, to bytes: inout [UInt8]) {
        var chain: [Int32] = []
        var node = id
        while node > 0 {
            chain.append(node)
            node = nodes[Int(node)].parent
        }
        names.withUnsafeBufferPointer { all in
            for component in chain.reversed() {
                let entry = nodes[Int(component)]
                bytes.append(UInt8(ascii: "/"))
                bytes.append(contentsOf: all[entry.nameStart..<(entry.nameStart + Int(entry.nameLength))])
            }
        }
    }
}
