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
    public init(files: [FinalFile], top: Int) {
        largestFiles = Self.largest(top, of: files.lazy.filter { $0.kind == .regular }.map {
            Item(path: $0.path, sizeBytes: $0.sizeBytes, layer: $0.layer, fileCount: 1)
        })

        // `files` is in depth-first order, so each directory's files are contiguous: a stack of
        // open directories sums them without a dictionary of every directory.
        var totals: [Item] = []
        var stack: [(name: Substring, path: String, bytes: Int64, count: Int)] = []
        func close(to depth: Int) {
            while stack.count > depth, let open = stack.popLast() {
                totals.append(Item(path: open.path, sizeBytes: open.bytes, layer: nil, fileCount: open.count))
                if var parent = stack.popLast() {
                    parent.bytes += open.bytes
                    parent.count += open.count
                    stack.append(parent)
                }
            }
        }
        var previousParent: Substring = "\u{0}"
        for file in files where file.kind == .regular {
            let slash = file.path.utf8.lastIndex(of: UInt8(ascii: "/"))
            let parent = slash.map { file.path[..<$0] } ?? ""
            if parent == previousParent, !stack.isEmpty {
                // Same directory as the previous file: the open stack is already right.
                stack[stack.count - 1].bytes += file.sizeBytes
                stack[stack.count - 1].count += 1
                continue
            }
            previousParent = parent
            let components = parent.split(separator: "/")
            var common = 0
            while common < stack.count, common < components.count, stack[common].name == components[common] {
                common += 1
            }
            close(to: common)
            while stack.count < components.count {
                let name = components[components.startIndex + stack.count]
                let path = (stack.last?.path ?? "") + "/" + name
                stack.append((name, path, 0, 0))
            }
            if stack.isEmpty { continue }
            stack[stack.count - 1].bytes += file.sizeBytes
            stack[stack.count - 1].count += 1
        }
        close(to: 0)
        largestDirectories = Self.largest(top, of: totals)
    }

    /// The `count` largest items, largest first, ties by path; one pass with a small sorted buffer.
    static func largest<S: Sequence>(_ count: Int, of items: S) -> [Item] where S.Element == Item {
        guard count > 0 else { return [] }
        func ranksBefore(_ a: Item, _ b: Item) -> Bool { (a.sizeBytes, b.path) > (b.sizeBytes, a.path) }
        var best: [Item] = []
        best.reserveCapacity(count + 1)
        for item in items {
            if best.count == count, let last = best.last, !ranksBefore(item, last) { continue }
            let position = best.firstIndex { ranksBefore(item, $0) } ?? best.count
            best.insert(item, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}
