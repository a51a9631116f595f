/// What each top-level node_modules says about itself: pnpm's `.modules.yaml`, npm's hidden
/// lockfile, yarn's markers, and whether it is a global install. Used as a cross-check of the
/// graph's scopes, and as the source of scope where the graph has no project to start from.
struct NodeInstallFacts {
    private struct Install {
        var path: String
        /// The directory holding node_modules: the project, or the global prefix's `lib`.
        var projectDirectory: String
        var records: Set<String>
        var sawPnpmStore: Bool
        var hasProject: Bool
        var isGlobal: Bool
        var pnpm: PnpmModulesManifest?
        var npmLock: NpmHiddenLockfile?
        /// The project's `pnpm-lock.yaml` and where it is.
        var pnpmLock: (path: String, lockfile: PnpmLockfile)?
    }

    private var installs: [Install] = []
    /// Install indices whose top-level packages are roots of the graph.
    private(set) var globalInstalls: Set<Int> = []
    private(set) var notes: [String] = []

    init(pass: AccountingPass, captured: [String: [UInt8]]) {
        let projects = Set(pass.roots.map(\.directory))
        for (index, accumulator) in pass.installs.enumerated() {
            let projectDirectory = String(accumulator.path.dropLast("/node_modules".count))
            let project = projectDirectory.isEmpty ? "/" : projectDirectory
            let hasProject = projects.contains(project)
            let isGlobal = !hasProject && (project == "/lib" || project.hasSuffix("/lib"))
            var install = Install(
                path: accumulator.path, projectDirectory: project, records: accumulator.records,
                sawPnpmStore: accumulator.sawPnpmStore, hasProject: hasProject, isGlobal: isGlobal)
            if let bytes = captured[accumulator.path + "/.modules.yaml"] {
                do {
                    install.pnpm = try PnpmModulesManifest.parse(bytes)
                } catch {
                    notes.append("\(accumulator.path)/.modules.yaml is unreadable (\(error.reason)); pnpm's settings are not shown")
                }
            }
            if let bytes = captured[accumulator.path + "/.package-lock.json"] {
                do {
                    install.npmLock = try NpmHiddenLockfile.parse(bytes)
                } catch {
                    notes.append("\(accumulator.path)/.package-lock.json is unreadable (\(error.reason)); scopes are not cross-checked")
                }
            }
            // pnpm keeps node_modules beside its lockfile: at the workspace root (or the WORKDIR).
            let lockPath = (project == "/" ? "" : project) + "/" + PnpmLockfile.fileName
            if accumulator.records.contains(".modules.yaml") || accumulator.sawPnpmStore, let bytes = captured[lockPath] {
                do {
                    install.pnpmLock = (lockPath, try PnpmLockfile.parse(bytes))
                } catch {
                    notes.append("\(lockPath) is unreadable (\(error.reason)); pnpm scopes are not cross-checked")
                }
            }
            if isGlobal { globalInstalls.insert(index) }
            installs.append(install)
        }
    }

    /// Where the graph could not start (no project `package.json` above the node_modules), npm's
    /// hidden lockfile decides: `"dev": true` makes a copy dev, any other entry prod.
    func applyLockfileFallback(to scopes: inout [InstalledPackage.Scope?], copies: [AccountingPass.NodeCopy]) {
        var byInstall: [Int: [String: NpmHiddenLockfile.Entry]] = [:]
        for (index, install) in installs.enumerated() where !install.hasProject && !install.isGlobal {
            guard let lock = install.npmLock else { continue }
            byInstall[index] = Dictionary(lock.entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        }
        for (index, copy) in copies.enumerated() {
            if scopes[index] == nil, let entries = byInstall[copy.install],
                let entry = entries[relative(copy.directory, to: installs[copy.install].projectDirectory)]
            {
                scopes[index] = entry.dev ? .dev : .prod
            }
            if scopes[index] == nil { scopes[index] = .extraneous }
        }
    }

    private func relative(_ path: String, to directory: String) -> String {
        let prefix = directory == "/" ? "/" : directory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// One record per install that holds packages or a manager's record, by path.
    func records(copies: [AccountingPass.NodeCopy], scopes: [InstalledPackage.Scope?]) -> [NodeInstall] {
        var result: [NodeInstall] = []
        for (index, install) in installs.enumerated() {
            var record = NodeInstall(path: install.path, manager: .unknown, isGlobal: install.isGlobal)
            var scopeByDirectory: [String: InstalledPackage.Scope] = [:]
            for (copyIndex, copy) in copies.enumerated() where copy.install == index {
                let scope = scopes[copyIndex] ?? .extraneous
                scopeByDirectory[copy.directory] = scope
                switch scope {
                case .prod: record.prodPackages += 1
                case .dev:
                    record.devPackages += 1
                    record.devBytes += copy.sizeBytes
                case .extraneous: record.extraneousPackages += 1
                }
            }
            if scopeByDirectory.isEmpty && install.records.isEmpty { continue }
            if install.records.contains(".modules.yaml") || install.sawPnpmStore {
                record.manager = .pnpm
                if install.records.contains(".modules.yaml") { record.record = install.path + "/.modules.yaml" }
                if let pnpm = install.pnpm {
                    record.devDependenciesInstalled = pnpm.includesDevDependencies
                    record.packageManagerVersion = pnpm.packageManager
                    record.storeDirectory = pnpm.storeDirectory
                }
                if let (path, lock) = install.pnpmLock {
                    record.lockfile = path
                    crossCheck(&record, lock, install: install, index: index, copies: copies, scopes: scopes)
                }
            } else if install.records.contains(".package-lock.json") {
                record.manager = .npm
                record.record = install.path + "/.package-lock.json"
                if let lock = install.npmLock {
                    record.lockfile = record.record
                    let devEntries = lock.entries.filter(\.dev).count
                    record.lockfileDevPackages = devEntries
                    record.devDependenciesInstalled = devEntries > 0
                    var disagreements: [String] = []
                    for entry in lock.entries where !entry.devOptional {
                        let directory = (install.projectDirectory == "/" ? "" : install.projectDirectory) + "/" + entry.path
                        guard let scope = scopeByDirectory[directory] else { continue }
                        if entry.dev != (scope == .dev) { disagreements.append(entry.path) }
                    }
                    disagreements.sort()
                    record.disagreementCount = disagreements.count
                    record.disagreements = Array(disagreements.prefix(NodeInstall.disagreementLimit))
                }
            } else if install.records.contains(".yarn-integrity") {
                record.manager = .yarn
                record.record = install.path + "/.yarn-integrity"
            } else if install.records.contains(".yarn-state.yml") {
                record.manager = .yarn
                record.record = install.path + "/.yarn-state.yml"
            }
            result.append(record)
        }
        return result.sorted { $0.path < $1.path }
    }

    /// Compares the graph's scope of each copy in the install with what the pnpm lockfile resolved
    /// it for. A copy in the virtual store is found by its store directory; any other (a hoisted
    /// layout) by name and version, when every peer variant of that version agrees.
    private func crossCheck(
        _ record: inout NodeInstall, _ lock: PnpmLockfile, install: Install, index: Int, copies: [AccountingPass.NodeCopy],
        scopes: [InstalledPackage.Scope?]
    ) {
        var byStoreDirectory: [String: Bool] = [:]
        var byNameAndVersion: [String: Bool?] = [:]
        for (key, dev) in lock.devByKey {
            if let directory = PnpmLockfile.storeDirectory(key) { byStoreDirectory[directory] = dev }
            let plain = PnpmLockfile.nameAndVersion(key)
            if let known = byNameAndVersion[plain] {
                if known != dev { byNameAndVersion[plain] = .some(nil) }
            } else {
                byNameAndVersion[plain] = dev
            }
        }
        record.lockfileDevPackages = lock.devKeys.count
        var disagreements: [String] = []
        for (copyIndex, copy) in copies.enumerated() where copy.install == index {
            let components = copy.directory.split(separator: "/")
            var dev: Bool? = nil
            if let store = components.lastIndex(of: ".pnpm"), store + 1 < components.count {
                dev = byStoreDirectory[String(components[store + 1])]
            }
            if dev == nil, let version = copy.manifest?.version, let agreed = byNameAndVersion[copy.name + "@" + version] {
                dev = agreed
            }
            guard let dev else { continue }
            if dev != (scopes[copyIndex] == .dev) { disagreements.append(relative(copy.directory, to: install.projectDirectory)) }
        }
        disagreements.sort()
        record.disagreementCount = disagreements.count
        record.disagreements = Array(disagreements.prefix(NodeInstall.disagreementLimit))
    }
}
