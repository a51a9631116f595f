import ImageModel

/// The largest files and directories of a merged filesystem.
public struct FilesystemSummary: Sendable {
    public struct Item: Sendable, Equatable {
        public var path: String
        public var sizeBytes: Int64
        /// The layer a file comes from; nil for directories.
        public var layer: Int?
        /// Regular files below a directory; 1 for a file.
        public var fileCount: Int
    }

    public var largestFiles: [Item]
    public var largestDirectories: [Item]

    /// Ranks by size, largest first, then by path; the root directory is left out.
    public init(files: FileList, top: Int) {
        // A file's path is made only when its size can still place it among the largest.
        var best: [Item] = []
        if top > 0 {
            for position in files.indices where files.kind(at: position) == .regular {
                if best.count == top, let last = best.last, files.sizeBytes(at: position) < last.sizeBytes { continue }
                let file = files[position]
                Self.insert(Item(path: file.path, sizeBytes: file.sizeBytes, layer: file.layer, fileCount: 1), into: &best, keeping: top)
            }
        }
        largestFiles = best

        var totals = DirectoryTotals()
        files.forEachPath { position, path in
            guard files.kind(at: position) == .regular else { return }
            totals.add(files.sizeBytes(at: position), at: path)
        }
        totals.close(to: 0)
        largestDirectories = Self.largest(top, of: totals.closed)
    }

    /// Every directory's total, from files in depth-first order: each directory's files are
    /// contiguous, so a stack of open directories sums them without a dictionary of every
    /// directory. A struct mutated in place: as locals captured by the per-file closure, every
    /// access was checked for exclusivity at run time.
    private struct DirectoryTotals {
        private(set) var closed: [Item] = []
        private var stack: [(name: String, path: String, bytes: Int64, count: Int)] = []
        private var previousParent: [UInt8] = [0]  // matches no real directory

        mutating func add(_ size: Int64, at path: UnsafeBufferPointer<UInt8>) {
            let slash = path.lastIndex(of: UInt8(ascii: "/")) ?? 0
            let parent = UnsafeBufferPointer(rebasing: path[..<slash])
            if previousParent.withUnsafeBufferPointer({ parent.sameBytes(as: $0) }), !stack.isEmpty {
                // Same directory as the previous file: the open stack is already right.
                stack[stack.count - 1].bytes += size
                stack[stack.count - 1].count += 1
                return
            }
            previousParent = Array(parent)
            let components = parent.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
            var common = 0
            while common < stack.count, common < components.count, stack[common].name == components[common] {
                common += 1
            }
            close(to: common)
            while stack.count < components.count {
                let name = components[stack.count]
                let path = (stack.last?.path ?? "") + "/" + name
                stack.append((name, path, 0, 0))
            }
            if stack.isEmpty { return }
            stack[stack.count - 1].bytes += size
            stack[stack.count - 1].count += 1
        }

        /// Closes the open directories deeper than `depth`, adding each to its parent.
        mutating func close(to depth: Int) {
            while stack.count > depth, let open = stack.popLast() {
                closed.append(Item(path: open.path, sizeBytes: open.bytes, layer: nil, fileCount: open.count))
                if var parent = stack.popLast() {
                    parent.bytes += open.bytes
                    parent.count += open.count
                    stack.append(parent)
                }
            }
        }
    }

    /// The `count` largest items, largest first, ties by path; one pass with a small sorted buffer.
    static func largest<S: Sequence>(_ count: Int, of items: S) -> [Item] where S.Element == Item {
        guard count > 0 else { return [] }
        var best: [Item] = []
        best.reserveCapacity(count + 1)
        for item in items { insert(item, into: &best, keeping: count) }
        return best
    }

    private static func insert(_ item: Item, into best: inout [Item], keeping count: Int) {
        func ranksBefore(_ a: Item, _ b: Item) -> Bool { (a.sizeBytes, b.path) > (b.sizeBytes, a.path) }
        if best.count == count, let last = best.last, !ranksBefore(item, last) { return }
        let position = best.firstIndex { ranksBefore(item, $0) } ?? best.count
        best.insert(item, at: position)
        if best.count > count { best.removeLast() }
    }
}
