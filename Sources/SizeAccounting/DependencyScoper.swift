/// Decides each node package copy's scope from the dependency graph (FORMATS.md, "node_modules"):
///
/// - roots are the projects (`package.json` outside node_modules), the WORKDIR's first, and the
///   top-level packages of global installs (`<prefix>/lib/node_modules/*` without a project);
/// - `prod`: reachable from a root's dependencies, optionalDependencies or peerDependencies, then
///   through those same fields of each package reached;
/// - `dev`: not prod, but reachable the same way from some root's devDependencies;
/// - `extraneous`: neither. When a node_modules has no project to start from but npm's hidden
///   lockfile lists the copy, the lockfile's dev flag decides instead.
///
/// Edges follow Node's resolution: from the package's real directory, `node_modules/NAME` in it
/// and in each ancestor (skipping ancestors that are themselves `node_modules`), through symbolic
/// links (pnpm's virtual store, workspace links).
struct DependencyScoper {
    private enum Target: Hashable {
        case copy(Int)
        case root(Int)
    }

    let copies: [AccountingPass.NodeCopy]
    let copyIndex: [String: Int]
    let roots: [AccountingPass.ProjectRoot]
    let links: SymlinkTable
    private let rootIndex: [String: Int]

    init(copies: [AccountingPass.NodeCopy], copyIndex: [String: Int], roots: [AccountingPass.ProjectRoot], links: SymlinkTable) {
        self.copies = copies
        self.copyIndex = copyIndex
        self.roots = roots
        self.links = links
        var rootIndex: [String: Int] = [:]
        for (index, root) in roots.enumerated() where rootIndex[root.directory] == nil { rootIndex[root.directory] = index }
        self.rootIndex = rootIndex
    }

    /// Scopes for every copy; `globalInstalls` are the install indices that count as global.
    func scopes(globalInstalls: Set<Int>) -> [InstalledPackage.Scope?] {
        var scope = [InstalledPackage.Scope?](repeating: nil, count: copies.count)
        // Prod: every project's runtime dependencies, and global packages.
        var queue: [Target] = []
        for root in roots {
            for name in root.manifest.runtimeDependencies {
                if let target = resolve(name, from: root.directory) { queue.append(target) }
            }
        }
        for (index, copy) in copies.enumerated() where copy.isTopLevel && globalInstalls.contains(copy.install) {
            queue.append(.copy(index))
        }
        walk(&queue, marking: .prod, in: &scope)
        // Dev: every project's devDependencies, for what prod did not reach.
        for root in roots {
            for name in root.manifest.devDependencies {
                if let target = resolve(name, from: root.directory) { queue.append(target) }
            }
        }
        walk(&queue, marking: .dev, in: &scope)
        return scope
    }

    private func walk(_ queue: inout [Target], marking mark: InstalledPackage.Scope, in scope: inout [InstalledPackage.Scope?]) {
        var visitedRoots = Set<Int>()
        while let target = queue.popLast() {
            switch target {
            case .copy(let index):
                if scope[index] != nil { continue }
                scope[index] = mark
                let copy = copies[index]
                for name in copy.manifest?.runtimeDependencies ?? [] {
                    if let next = resolve(name, from: copy.directory) { queue.append(next) }
                }
            case .root(let index):
                // A workspace package reached through a link: its own runtime dependencies follow.
                guard visitedRoots.insert(index).inserted else { continue }
                let root = roots[index]
                for name in root.manifest.runtimeDependencies {
                    if let next = resolve(name, from: root.directory) { queue.append(next) }
                }
            }
        }
    }

    /// Node's lookup of `name` from a module in `directory`.
    private func resolve(_ name: String, from directory: String) -> Target? {
        var current = Substring(directory)
        while true {
            if !(current.hasSuffix("/node_modules")) {
                let base = current == "/" ? "" : current
                if let found = lookup(nodeModules: base + "/node_modules", name: name) { return found }
            }
            guard let slash = current.lastIndex(of: "/"), !current.isEmpty, current != "/" else { return nil }
            current = slash == current.startIndex ? "/" : current[..<slash]
        }
    }

    /// "<nodeModules>/<name>": a copy, or a link at the name (pnpm, workspaces) or at the
    /// node_modules directory itself (rare); anything else does not exist.
    private func lookup(nodeModules: String, name: String) -> Target? {
        let candidate = nodeModules + "/" + name
        if let copy = copyIndex[candidate] { return .copy(copy) }
        guard !links.isEmpty else { return nil }
        guard links.target(of: candidate) != nil || links.target(of: nodeModules) != nil else { return nil }
        guard let real = links.resolve(candidate), real != candidate else { return nil }
        if let copy = copyIndex[real] { return .copy(copy) }
        if let root = rootIndex[real] { return .root(root) }
        return nil
    }
}
