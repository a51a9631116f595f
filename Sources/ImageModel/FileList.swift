/// The merged filesystem's paths (directories excepted), sorted by path, held as a `PathTree`:
/// each path is stored once, as interned components, and a `FinalFile` (with its path string) is
/// made only when an element is read. Passes over every file use `kind(at:)`, `sizeBytes(at:)`
/// and `forEachPath`, which allocate nothing per file.
public struct FileList: RandomAccessCollection, Sendable, Equatable {
    @usableFromInline final class Storage: Sendable {
        @usableFromInline let tree: PathTree
        /// The files' nodes, in list order.
        @usableFromInline let order: [Int32]
        init(tree: PathTree, order: [Int32]) {
            self.tree = tree
            self.order = order
        }
    }

    @usableFromInline let storage: Storage

    /// A list of the given leaf nodes of `tree`, in that order.
    public init(tree: PathTree, order: [Int32]) {
        storage = Storage(tree: tree, order: order)
    }

    /// A list of exactly these files, in this order (for images made by hand).
    public init(_ files: [FinalFile]) {
        var tree = PathTree()
        var directories: [Substring: Int32] = ["": PathTree.root]
        var order: [Int32] = []
        order.reserveCapacity(files.count)
        for file in files {
            let path = file.path.hasPrefix("/") ? file.path.dropFirst() : file.path[...]
            var parent = PathTree.root
            var prefixEnd = path.startIndex
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            for component in components.dropLast() {
                prefixEnd = component.endIndex
                let prefix = path[path.startIndex..<prefixEnd]
                if let known = directories[prefix] {
                    parent = known
                } else {
                    var name = component
                    parent = name.withUTF8 { tree.add($0, under: parent, kind: .directory, layer: 0) }
                    directories[prefix] = parent
                }
            }
            var name = components.last ?? ""
            let node = name.withUTF8 {
                tree.add($0, under: parent, kind: file.kind, size: file.sizeBytes, layer: Int32(clamping: file.layer), linkTarget: file.linkTarget)
            }
            order.append(node)
        }
        storage = Storage(tree: tree, order: order)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.order.count }

    public subscript(position: Int) -> FinalFile {
        let id = storage.order[position]
        let node = storage.tree[id]
        return FinalFile(
            path: storage.tree.path(id), kind: node.kind, sizeBytes: node.size, layer: Int(node.layer),
            linkTarget: storage.tree.linkTarget(id))
    }

    // Inlinable: the accountant's passes read these for every file.
    @inlinable public func kind(at position: Int) -> FinalFile.Kind { storage.tree[storage.order[position]].kind }
    @inlinable public func sizeBytes(at position: Int) -> Int64 { storage.tree[storage.order[position]].size }
    @inlinable public func layer(at position: Int) -> Int { Int(storage.tree[storage.order[position]].layer) }

    /// Calls `body` with each file's position and absolute path bytes ("/app/x.js"), in order. The
    /// bytes are valid during the call only; consecutive files of one directory share its prefix,
    /// so a path costs a copy of its name, not a walk from the root.
    public func forEachPath(_ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        let tree = storage.tree
        var prefix: [UInt8] = []
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 4096)
        defer { buffer.deallocate() }
        var parent: Int32 = -1
        var prefixLength = 0
        try tree.withStorage { nodes, names in
            for (position, id) in storage.order.enumerated() {
                let node = nodes[Int(id)]
                if node.parent != parent {
                    parent = node.parent
                    prefix.removeAll(keepingCapacity: true)
                    tree.appendPath(parent, to: &prefix)
                    prefix.append(UInt8(ascii: "/"))
                    prefixLength = prefix.count
                    if buffer.count < prefixLength {
                        buffer.deallocate()
                        buffer = .allocate(capacity: prefixLength * 2)
                    }
                    _ = prefix.withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
                }
                let length = Int(node.nameLength)
                if buffer.count < prefixLength + length {
                    let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: (prefixLength + length) * 2)
                    _ = grown.initialize(fromContentsOf: buffer)
                    buffer.deallocate()
                    buffer = grown
                }
                if length > 0 {
                    UnsafeMutableRawPointer(buffer.baseAddress! + prefixLength)
                        .copyMemory(from: names.baseAddress! + node.nameStart, byteCount: length)
                }
                try body(position, UnsafeBufferPointer(start: buffer.baseAddress, count: prefixLength + length))
            }
        }
    }

    public static func == (lhs: FileList, rhs: FileList) -> Bool {
        lhs.storage === rhs.storage || lhs.elementsEqual(rhs)
    }
}
