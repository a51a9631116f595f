import ImageModel

/// The tree the image treemap draws: layers, then (when known) categories, then directories,
/// with packages as single blocks and each layer's wasted bytes as one block. Every node's bytes
/// are the sum of its children's, and the root's are the image's content bytes.
struct TreemapNode: Sendable {
    enum Kind: Sendable { case root, layer, category, directory, package, file, wasted, rest }

    var kind: Kind
    /// Short label drawn in the block ("node_modules", "layer 3").
    var label: String
    /// What the hover text names (the full path, the history step).
    var detail: String
    var bytes: Int64
    var children: [TreemapNode]
    /// The layer the node belongs to, for its colour.
    var layer: Int
    /// The category the node belongs to, when categories are known.
    var category: String?
    /// Shown after the size in a block's heading: a layer's history step.
    var caption: String? = nil
}

extension TreemapNode {
    /// Files deeper than this many directories are counted at that depth.
    static let maxDepth = 12

    /// Builds the tree of `model`'s image.
    static func build(_ model: ImageHTMLModel) -> TreemapNode {
        let image = model.report.image
        // npm copies are directories of files; other ecosystems' paths name a database record.
        // Dev-only packages are marked, and drawn in the dev-dependencies colour.
        var packageNames: [String: String] = [:]
        for package in model.packages ?? [] where package.ecosystem == .npm {
            let label = package.displayName + (package.scope == .dev ? " (dev)" : "")
            for path in package.paths where packageNames[path] == nil { packageNames[path] = label }
        }
        let packageRoots = Set(packageNames.keys)
        var filesByLayer: [Int: [FinalFile]] = [:]
        for file in image.files where file.kind == .regular && file.sizeBytes > 0 {
            filesByLayer[file.layer, default: []].append(file)
        }
        var layers: [TreemapNode] = []
        for layer in image.layers {
            let files = filesByLayer[layer.index] ?? []
            var children: [TreemapNode]
            if let categorize = model.fileCategory {
                var byCategory: [String: [FinalFile]] = [:]
                for file in files { byCategory[categorize(file), default: []].append(file) }
                children = byCategory.map { name, files in
                    var node = directoryTree(files, layer: layer.index, packageRoots: packageRoots, packageNames: packageNames)
                    node.kind = .category
                    node.label = name
                    node.detail = "\(name) in layer \(layer.index)"
                    node.category = name
                    return node
                }
            } else {
                children = directoryTree(files, layer: layer.index, packageRoots: packageRoots, packageNames: packageNames).children
            }
            if layer.wastedBytes > 0 {
                children.append(TreemapNode(
                    kind: .wasted, label: "wasted", detail: "layer \(layer.index): copies overwritten or deleted by later layers",
                    bytes: layer.wastedBytes, children: [], layer: layer.index, category: model.fileCategory == nil ? nil : "wasted"))
            }
            let step = HistoryStep.short(layer.createdBy)
            layers.append(TreemapNode(
                kind: .layer, label: "layer \(layer.index)", detail: "layer \(layer.index)" + (step.isEmpty ? "" : ": " + step),
                bytes: children.reduce(0) { $0 + $1.bytes }, children: sorted(children), layer: layer.index, category: nil,
                caption: step.isEmpty ? nil : step))
        }
        return TreemapNode(
            kind: .root, label: image.name, detail: image.name, bytes: layers.reduce(0) { $0 + $1.bytes },
            children: sorted(layers), layer: -1, category: nil)
    }

    /// Largest first, then by label.
    static func sorted(_ nodes: [TreemapNode]) -> [TreemapNode] {
        nodes.sorted { ($0.bytes, $1.label) > ($1.bytes, $0.label) }
    }

    /// A directory tree of `files` (one layer's, or one category's within a layer). A package's
    /// directory becomes one block; chains of single subdirectories merge into one block
    /// ("usr/lib/x86_64-linux-gnu").
    static func directoryTree(_ files: [FinalFile], layer: Int, packageRoots: Set<String>, packageNames: [String: String]) -> TreemapNode {
        final class Trie {
            var bytes: Int64 = 0
            var children: [Substring: Trie] = [:]
            var package: String?
            var isFile = false
        }
        let root = Trie()
        for file in files {
            var node = root
            node.bytes += file.sizeBytes
            var path = ""
            let components = file.path.split(separator: "/")
            for (depth, component) in components.enumerated() {
                if node.package != nil || depth >= maxDepth { break }
                path += "/" + component
                let child: Trie
                if let existing = node.children[component] {
                    child = existing
                } else {
                    child = Trie()
                    if packageRoots.contains(path) { child.package = packageNames[path] }
                    node.children[component] = child
                }
                child.bytes += file.sizeBytes
                if depth == components.count - 1 { child.isFile = true }
                node = child
            }
        }
        func convert(_ trie: Trie, name: String, path: String) -> TreemapNode {
            if let package = trie.package {
                return TreemapNode(kind: .package, label: package, detail: "package \(package) at \(path)", bytes: trie.bytes,
                    children: [], layer: layer, category: package.hasSuffix(" (dev)") ? "dev-dependencies" : nil)
            }
            if trie.children.isEmpty {
                return TreemapNode(kind: trie.isFile ? .file : .directory, label: name, detail: path + (trie.isFile ? "" : "/…"),
                    bytes: trie.bytes, children: [], layer: layer, category: nil)
            }
            // Merge a chain of lone subdirectories into one block.
            if trie.children.count == 1, let (childName, child) = trie.children.first, !child.children.isEmpty, child.package == nil,
                !path.isEmpty
            {
                return convert(child, name: name + "/" + childName, path: path + "/" + childName)
            }
            let children = trie.children.map { childName, child in convert(child, name: String(childName), path: path + "/" + childName) }
            return TreemapNode(kind: .directory, label: name, detail: path + "/", bytes: trie.bytes, children: sorted(children),
                layer: layer, category: nil)
        }
        return convert(root, name: "/", path: "")
    }
}
