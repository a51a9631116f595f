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
        var regular = files.filter { $0.kind == .regular }
        regular.sort { ($0.sizeBytes, $1.path) > ($1.sizeBytes, $0.path) }
        largestFiles = regular.prefix(top).map { Item(path: $0.path, sizeBytes: $0.sizeBytes, layer: $0.layer, fileCount: 1) }

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
        for file in files where file.kind == .regular {
            let components = file.path.split(separator: "/").dropLast()
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
        totals.sort { ($0.sizeBytes, $1.path) > ($1.sizeBytes, $0.path) }
        largestDirectories = Array(totals.prefix(top))
    }
}
