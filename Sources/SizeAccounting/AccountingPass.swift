import ImageModel

/// The one pass over an image's final files. Each file gets its category here, except files of
/// node packages, whose category (dev-dependencies or node-modules) waits for the dependency graph;
/// their bytes are held on the package copy meanwhile.
///
/// Speed: `files` is in depth-first order, so consecutive files mostly share a directory. All work
/// that depends only on the directory (rule tries, node_modules layout, workdir) is done once per
/// directory; per file there remain a few byte comparisons on the name and, when the image has
/// package databases, a dictionary lookup of the path. A struct, run in place (the per-file
/// closure over the path's bytes borrows it): as a class, every access to its state from that
/// closure was checked for exclusivity at run time.
struct AccountingPass {
    /// One directory of a node package (npm, yarn or pnpm's virtual store), as installed.
    struct NodeCopy {
        /// "/app/node_modules/@nestjs/core".
        var directory: String
        /// The name the path gives ("@nestjs/core").
        var pathName: String
        var manifest: PackageManifest?
        /// The ml-libraries rule claiming the package by name.
        var mlRule: Int?
        /// Index into `installs`.
        var install: Int
        /// Whether the copy sits directly in its install's top-level node_modules.
        var isTopLevel: Bool
        var sizeBytes: Int64 = 0
        var fileCount = 0
        /// Bytes not claimed by ml-libraries: dev-dependencies or node-modules after scoping.
        var pendingBytes: Int64 = 0
        var pendingFiles = 0
        var extraBytes: [Int64] = Array(repeating: 0, count: NodeModulesExtra.allCases.count)
        var extraFiles: [Int] = Array(repeating: 0, count: NodeModulesExtra.allCases.count)

        var name: String { manifest?.name ?? pathName }
    }

    /// A top-level node_modules directory and the records found in it.
    struct InstallAccumulator {
        var path: String
        var records: Set<String> = []
        var sawPnpmStore = false
    }

    /// A `package.json` outside node_modules: a project whose dependencies are roots of the graph.
    struct ProjectRoot {
        var directory: String
        var manifest: PackageManifest
    }

    private struct DirectoryState {
        var path = ""
        /// `path` as bytes, compared with each file's directory.
        var bytes: [UInt8] = [0]  // matches no real directory
        var match = PathRuleMatcher.DirectoryMatch()
        var rule: Int?
        /// The directory `rule` matched ("/root/.npm" for `{home}/.npm/`), for reports.
        var ruleRoot: String?
        var inNodeModules = false
        var isInstallDirectory = false
        var install: Int?
        var copy: Int?
        var copyMLRule: Int?
        var extra: NodeModulesExtra?
        var inWorkdir = false
    }

    let rules: CompiledRules
    let captured: [String: [UInt8]]
    let workdir: String?
    var owned: OwnedPackages

    var categoryBytes: [Int64] = Array(repeating: 0, count: SizeCategory.allCases.count)
    var categoryFiles: [Int] = Array(repeating: 0, count: SizeCategory.allCases.count)
    /// Per rule number: bytes and files it decided.
    var ruleBytes: [Int64]
    var ruleFiles: [Int]
    /// Per rule number: up to `rootLimit` directories where it claimed files, in the order met.
    var ruleRoots: [[String]]
    static let rootLimit = 3
    var copies: [NodeCopy] = []
    var copyIndex: [String: Int] = [:]
    var installs: [InstallAccumulator] = []
    var installIndex: [String: Int] = [:]
    var roots: [ProjectRoot] = []
    var notes: [String] = []
    /// Final files the loader gave a content digest (`LoadedImage.fileDigests`), none smaller than
    /// `digestMinBytes`; as the pass meets them their size, layer and category are noted in
    /// `digestedFiles`, for `DuplicateFiles`.
    var digests: [String: String] = [:]
    var digestMinBytes: Int64 = .max
    var digestedFiles: [DuplicateFiles.Member] = []
    /// Per position of the file list: what the savings plan needs to know of each regular file.
    var marks: [FileMark] = []
    /// For each file marked `FileMark.pendingCopy(nodeExtra:)`, in file order: the index of its node package copy.
    var pendingCopies: [Int32] = []
    /// Per OS package (index into `owned.packages`): whether it is part of the build toolchain.
    private let toolchainPackage: [Bool]

    private var directory = DirectoryState()

    init(rules: CompiledRules, captured: [String: [UInt8]], workdir: String, owned: OwnedPackages) {
        self.rules = rules
        self.captured = captured
        let trimmed = normalisedPath(workdir)
        self.workdir = workdir.isEmpty || trimmed == "/" ? nil : trimmed
        self.owned = owned
        ruleBytes = Array(repeating: 0, count: rules.claims.count)
        ruleFiles = Array(repeating: 0, count: rules.claims.count)
        ruleRoots = Array(repeating: [], count: rules.claims.count)
        toolchainPackage = owned.packages.map { BuildToolchain.contains($0.ecosystem, $0.name) }
    }

    mutating func run(_ files: FileList) {
        marks = Array(repeating: FileMark.notRegular, count: files.count)
        files.forEachPath { position, bytes in
            // The directory is everything before the last "/"; "" for files at the root.
            var slash = bytes.count - 1
            while slash >= 0 && bytes[slash] != UInt8(ascii: "/") { slash -= 1 }
            let directoryLength = max(slash, 0)
            if !sameDirectory(bytes, length: directoryLength) {
                enterDirectory(String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<directoryLength]), as: UTF8.self))
            }
            let name = UnsafeBufferPointer(rebasing: bytes[(slash + 1)...])
            if directory.isInstallDirectory { noteInstallRecord(name) }
            guard files.kind(at: position) == .regular else { return }
            let size = files.sizeBytes(at: position)
            add(size: size, path: bytes, name: name, position: position)
            guard size >= digestMinBytes, !digests.isEmpty else { return }
            let path = String(decoding: bytes, as: UTF8.self)
            guard let digest = digests[path] else { return }
            // The file's category as `add` marked it, or the node package copy whose scope decides it.
            let mark = marks[position]
            digestedFiles.append(DuplicateFiles.Member(
                path: path, digest: digest, sizeBytes: size, layer: files.layer(at: position), category: mark.category,
                pendingCopy: mark.isPendingCopy ? pendingCopies.last.map { Int($0) } : nil))
        }
    }

    private func sameDirectory(_ bytes: UnsafeBufferPointer<UInt8>, length: Int) -> Bool {
        directory.bytes.withUnsafeBufferPointer { current in
            guard current.count == length else { return false }
            // Directories share their prefix: compare from the end, where they differ.
            var index = length - 1
            while index >= 0 {
                if bytes[index] != current[index] { return false }
                index -= 1
            }
            return true
        }
    }

    // MARK: Per directory

    private mutating func enterDirectory(_ path: String) {
        var state = DirectoryState()
        state.path = path
        state.bytes = Array(path.utf8)
        let components = path.split(separator: "/")
        state.match = rules.paths.match(directory: components)
        if let best = state.match.rules.min(by: { ($0.rule, $0.depth) < ($1.rule, $1.depth) }) {
            state.rule = best.rule
            state.ruleRoot = "/" + components[0..<best.depth].joined(separator: "/")
        }
        if let workdir {
            state.inWorkdir = path == workdir
                || (path.hasPrefix(workdir) && path.utf8.dropFirst(workdir.utf8.count).first == UInt8(ascii: "/"))
        }
        if let first = components.firstIndex(where: { $0 == NodePackagePath.nodeModules }) {
            // A node_modules inside a cache (yarn's, npx's) belongs to the cache.
            let insideCache = state.match.rules.contains {
                rules.claims[$0.rule].category == .cachesAndLeftovers && $0.depth <= first
            }
            if !insideCache {
                state.inNodeModules = true
                let installPath = "/" + components[0...first].joined(separator: "/")
                let install = registerInstall(installPath)
                state.install = install
                state.isInstallDirectory = components.count == first + 1
                if components.count > first + 1, components[first + 1] == ".pnpm" { installs[install].sawPnpmStore = true }
                if let package = NodePackagePath.package(in: components) {
                    let copyPath = "/" + components[0..<package.depth].joined(separator: "/")
                    let copy = registerCopy(
                        copyPath, components: components, package: package, install: install,
                        topLevel: package.nodeModulesIndex == first)
                    state.copy = copy
                    state.copyMLRule = copies[copy].mlRule
                    for component in components[package.depth...] {
                        if let extra = NodeModulesExtra.directory(component) {
                            state.extra = extra
                            break
                        }
                    }
                }
            }
        }
        directory = state
    }

    private mutating func registerInstall(_ path: String) -> Int {
        if let known = installIndex[path] { return known }
        installs.append(InstallAccumulator(path: path))
        installIndex[path] = installs.count - 1
        return installs.count - 1
    }

    private mutating func registerCopy(
        _ path: String, components: [Substring], package: (depth: Int, nodeModulesIndex: Int), install: Int, topLevel: Bool
    ) -> Int {
        if let known = copyIndex[path] { return known }
        let pathName = components[(package.nodeModulesIndex + 1)..<package.depth].joined(separator: "/")
        var manifest: PackageManifest? = nil
        if let bytes = captured[path + "/package.json"] {
            do {
                manifest = try PackageManifest.parse(bytes)
            } catch {
                notes.append("\(path)/package.json is unreadable (\(error.reason)); the package is named by its path")
            }
        }
        if manifest?.version == nil, package.nodeModulesIndex >= 2, components[package.nodeModulesIndex - 2] == ".pnpm",
            let entry = NodePackagePath.pnpmStoreEntry(components[package.nodeModulesIndex - 1])
        {
            // No readable manifest: pnpm's store directory still names the version.
            var fallback = manifest ?? PackageManifest()
            fallback.version = entry.version
            manifest = fallback
        }
        var mlRule = rules.packageRule(.npm, pathName)
        if let declared = manifest?.name, declared != pathName, let byName = rules.packageRule(.npm, declared) {
            mlRule = min(mlRule ?? byName, byName)
        }
        copies.append(NodeCopy(
            directory: path, pathName: pathName, manifest: manifest, mlRule: mlRule, install: install, isTopLevel: topLevel))
        copyIndex[path] = copies.count - 1
        return copies.count - 1
    }

    private mutating func noteInstallRecord(_ name: UnsafeBufferPointer<UInt8>) {
        guard let install = directory.install, name.first == UInt8(ascii: ".") else { return }
        let text = String(decoding: name, as: UTF8.self)
        switch text {
        case ".modules.yaml", ".package-lock.json", ".yarn-integrity", ".yarn-state.yml": installs[install].records.insert(text)
        default: break
        }
    }

    // MARK: Per file

    private mutating func add(size: Int64, path: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>, position: Int) {
        var rule = directory.rule
        if let fileRule = rules.paths.matchFile(name: name, in: directory.match), rule.map({ fileRule < $0 }) ?? true {
            rule = fileRule
        }
        // The path as a string only when a package database may own it.
        let text = owned.osOwner.isEmpty && owned.pythonOwner.isEmpty ? "" : String(decoding: path, as: UTF8.self)
        let osOwner = owned.osOwner.isEmpty ? nil : owned.osOwner[text]
        let pythonOwner = owned.pythonOwner.isEmpty ? nil : owned.pythonOwner[text]
        if let osOwner {
            owned.packages[Int(osOwner)].sizeBytes += size
            owned.packages[Int(osOwner)].fileCount += 1
        }
        if let pythonOwner {
            owned.packages[Int(pythonOwner)].sizeBytes += size
            owned.packages[Int(pythonOwner)].fileCount += 1
        }
        let toolchain = osOwner.map { toolchainPackage[Int($0)] } ?? false
        func mark(_ category: SizeCategory) {
            marks[position] = FileMark(category, toolchain: toolchain)
        }
        if let copy = directory.copy {
            copies[copy].sizeBytes += size
            copies[copy].fileCount += 1
        }
        if directory.rule == nil, rule == nil, directory.copy == nil, osOwner == nil, pythonOwner == nil {
            // The common case outside node_modules with no rule: app or other, nothing else to check.
            let category: SizeCategory = directory.inNodeModules ? .nodeModules : directory.inWorkdir ? .app : .other
            count(category, size)
            mark(category)
            return
        }
        // 1. ml-libraries: a path rule, or a package an ml rule names.
        var mlRule: Int? = nil
        if let rule, rules.claims[rule].category == .mlLibraries { mlRule = rule }
        func consider(_ candidate: Int?) {
            if let candidate, mlRule.map({ candidate < $0 }) ?? true { mlRule = candidate }
        }
        consider(directory.copyMLRule)
        if let osOwner { consider(owned.packages[Int(osOwner)].mlRule) }
        if let pythonOwner { consider(owned.packages[Int(pythonOwner)].mlRule) }
        if let mlRule {
            count(.mlLibraries, size, rule: mlRule)
            mark(.mlLibraries)
            noteRoot(mlRule, fileRule: rule == mlRule && mlRule != directory.rule)
            return
        }
        // 2-3. node packages: decided after the graph; loose files under node_modules.
        if directory.inNodeModules {
            if let copy = directory.copy {
                copies[copy].pendingBytes += size
                copies[copy].pendingFiles += 1
                let extra = directory.extra ?? NodeModulesExtra.file(name)
                if let extra {
                    copies[copy].extraBytes[extra.rawValue] += size
                    copies[copy].extraFiles[extra.rawValue] += 1
                }
                marks[position] = .pendingCopy(nodeExtra: extra != nil)
                pendingCopies.append(Int32(copy))
            } else {
                count(.nodeModules, size)
                mark(.nodeModules)
            }
            return
        }
        // 4-5. OS packages (database or rule), then caches and leftovers.
        let ruleCategory = rule.map { rules.claims[$0].category }
        if osOwner != nil || ruleCategory == .osPackages {
            count(.osPackages, size, rule: ruleCategory == .osPackages ? rule : nil)
            mark(.osPackages)
            if ruleCategory == .osPackages, let rule { noteRoot(rule, fileRule: rule != directory.rule) }
            return
        }
        if ruleCategory == .cachesAndLeftovers, let rule {
            count(.cachesAndLeftovers, size, rule: rule)
            mark(.cachesAndLeftovers)
            noteRoot(rule, fileRule: rule != directory.rule)
            return
        }
        // 6-7. the application under the workdir, everything else.
        let category: SizeCategory = directory.inWorkdir ? .app : .other
        count(category, size)
        mark(category)
    }

    /// Remembers where a rule claimed a file: the directory its pattern matched, or for file
    /// patterns and package rules the file's directory (the package's, for node packages).
    private mutating func noteRoot(_ rule: Int, fileRule: Bool) {
        guard ruleRoots[rule].count < Self.rootLimit else { return }
        let root: String
        if !fileRule, let matched = directory.ruleRoot {
            root = matched
        } else if let copy = directory.copy {
            root = copies[copy].directory
        } else {
            root = directory.path.isEmpty ? "/" : directory.path
        }
        if !ruleRoots[rule].contains(root) { ruleRoots[rule].append(root) }
    }

    /// Adds to a category (and the rule that decided it).
    mutating func count(_ category: SizeCategory, _ size: Int64, files: Int = 1, rule: Int? = nil) {
        categoryBytes[category.order] += size
        categoryFiles[category.order] += files
        if let rule {
            ruleBytes[rule] += size
            ruleFiles[rule] += files
        }
    }

    /// Collects `package.json` files outside node_modules (and outside caches): the graph's roots.
    /// Runs after the pass, from the captured files, so the pass does no string work for them.
    mutating func collectRoots() {
        var found: [ProjectRoot] = []
        // In path order: the notes below reach the report, and a Dictionary's order changes
        // from one process to the next.
        let manifests = captured.filter { $0.key.hasSuffix("/package.json") }.sorted { $0.key < $1.key }
        for (path, bytes) in manifests {
            let directoryPath = String(path.dropLast("/package.json".count))
            let components = directoryPath.split(separator: "/")
            if components.contains(where: { $0 == NodePackagePath.nodeModules }) { continue }
            let match = rules.paths.match(directory: components)
            if match.rules.contains(where: { rules.claims[$0.rule].category == .cachesAndLeftovers }) { continue }
            let manifest: PackageManifest
            do {
                manifest = try PackageManifest.parse(bytes)
            } catch {
                notes.append("\(path) is unreadable (\(error.reason)); its dependencies are not followed")
                continue
            }
            found.append(ProjectRoot(directory: directoryPath.isEmpty ? "/" : directoryPath, manifest: manifest))
        }
        // The workdir's project first, then by path.
        let workdir = self.workdir ?? "/"
        found.sort { ($0.directory == workdir ? 0 : 1, $0.directory) < ($1.directory == workdir ? 0 : 1, $1.directory) }
        roots = found
    }
}
