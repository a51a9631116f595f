/// Packages that name their files in a database: dpkg and apk packages, and Python distributions
/// (`*.dist-info/RECORD`). Built before the pass over the files, which then looks each file up.
struct OwnedPackages: Sendable {
    struct Package: Sendable {
        var ecosystem: InstalledPackage.Ecosystem
        var name: String
        var version: String?
        /// The database record that lists the package (deb/apk) or its `.dist-info` (pypi).
        var record: String
        /// The ml-libraries rule that claims the package by name, if any.
        var mlRule: Int?
        var sizeBytes: Int64 = 0
        var fileCount = 0
    }

    var packages: [Package] = []
    /// Final path -> index into `packages`, for dpkg and apk files.
    var osOwner: [String: Int32] = [:]
    /// Final path -> index into `packages`, for Python distributions' files.
    var pythonOwner: [String: Int32] = [:]
    var notes: [String] = []

    /// Reads every database the rules name, and every captured `.dist-info`.
    init(
        captured: [String: [UInt8]], databases: AccountingRules.PackageDatabases, links: SymlinkTable,
        rules: CompiledRules
    ) {
        var resolver = ParentResolver(links: links)
        readDpkg(captured: captured, databases: databases, resolver: &resolver, rules: rules)
        readApk(captured: captured, databases: databases, resolver: &resolver, rules: rules)
        readPython(captured: captured, resolver: &resolver, rules: rules)
    }

    private mutating func add(_ package: Package, files: [String], resolver: inout ParentResolver, python: Bool = false) {
        let index = Int32(packages.count)
        packages.append(package)
        for file in files {
            let path = resolver.canonical(file)
            if python {
                if pythonOwner[path] == nil { pythonOwner[path] = index }
            } else if osOwner[path] == nil {
                // A path two packages list (rare: diversions) counts for the first one read.
                osOwner[path] = index
            }
        }
    }

    // MARK: dpkg

    private mutating func readDpkg(
        captured: [String: [UInt8]], databases: AccountingRules.PackageDatabases, resolver: inout ParentResolver,
        rules: CompiledRules
    ) {
        // Installed packages from the status file(s): name(:arch) -> version.
        var installed: [String: (version: String?, record: String)] = [:]
        var sawStatus = false
        for statusPath in databases.dpkgStatus {
            guard let bytes = captured[statusPath] else { continue }
            sawStatus = true
            for stanza in DebianControl.stanzas(bytes) where DebianControl.isInstalled(stanza["Status"]) {
                guard let name = stanza["Package"] else { continue }
                let value = (stanza["Version"], statusPath)
                installed[name] = installed[name] ?? value
                if let arch = stanza["Architecture"] { installed[name + ":" + arch] = value }
            }
        }
        // File lists: <dir>/<name>[:<arch>].list, in path order for a stable result.
        for directory in databases.dpkgInfoDirectories {
            let lists = captured.keys.filter {
                $0.hasPrefix(directory) && $0.hasSuffix(".list") && !$0.dropFirst(directory.count).contains("/")
            }
            for listPath in lists.sorted() {
                guard let bytes = captured[listPath] else { continue }
                let file = String(listPath.dropFirst(directory.count).dropLast(".list".count))
                let name = String(file.split(separator: ":", maxSplits: 1).first ?? Substring(file))
                let status = installed[file] ?? installed[name]
                if sawStatus && status == nil { continue }  // not installed (or only config files left)
                let files = String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
                    let path = line.hasSuffix("\r") ? line.dropLast() : line
                    return path.hasPrefix("/") && path != "/." ? String(path) : nil
                }
                add(Package(ecosystem: .deb, name: name, version: status?.version, record: listPath,
                            mlRule: rules.packageRule(.deb, name)), files: files, resolver: &resolver)
            }
        }
        // Distroless: one status stanza per file in status.d/, file lists in <name>.md5sums.
        for directory in databases.dpkgStatusDirectories {
            let entries = captured.keys.filter { $0.hasPrefix(directory) && !$0.dropFirst(directory.count).contains("/") }
            for path in entries.sorted() where !path.hasSuffix(".md5sums") {
                guard let bytes = captured[path] else { continue }
                for stanza in DebianControl.stanzas(bytes) {
                    // Distroless stanzas carry no Status: they are installed.
                    let status = stanza["Status"] ?? "install ok installed"
                    guard let name = stanza["Package"], DebianControl.isInstalled(status) else { continue }
                    let sums = captured[path + ".md5sums"] ?? captured[directory + name + ".md5sums"] ?? []
                    let files = String(decoding: sums, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
                        // "<md5>  <relative path>"
                        guard let space = line.firstIndex(of: " ") else { return nil }
                        let relative = line[space...].drop { $0 == " " }
                        return relative.isEmpty ? nil : "/" + relative
                    }
                    add(Package(ecosystem: .deb, name: name, version: stanza["Version"], record: path,
                                mlRule: rules.packageRule(.deb, name)), files: files, resolver: &resolver)
                }
            }
        }
    }

    // MARK: apk

    private mutating func readApk(
        captured: [String: [UInt8]], databases: AccountingRules.PackageDatabases, resolver: inout ParentResolver,
        rules: CompiledRules
    ) {
        for databasePath in databases.apkInstalled {
            guard let bytes = captured[databasePath] else { continue }
            var name: String?
            var version: String?
            var directory = ""
            var files: [String] = []
            func flush() {
                if let name {
                    add(Package(ecosystem: .apk, name: name, version: version, record: databasePath,
                                mlRule: rules.packageRule(.apk, name)), files: files, resolver: &resolver)
                }
                name = nil
                version = nil
                directory = ""
                files = []
            }
            for rawLine in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
                if line.isEmpty {
                    flush()
                    continue
                }
                guard line.count >= 2, line[line.index(after: line.startIndex)] == ":" else { continue }
                let value = String(line.dropFirst(2))
                switch line.first {
                case "P": name = value
                case "V": version = value
                case "F": directory = value
                case "R": files.append("/" + (directory.isEmpty ? value : directory + "/" + value))
                default: break
                }
            }
            flush()
        }
    }

    // MARK: Python

    private mutating func readPython(captured: [String: [UInt8]], resolver: inout ParentResolver, rules: CompiledRules) {
        var distInfos = Set<String>()
        for path in captured.keys where path.hasSuffix(".dist-info/RECORD") || path.hasSuffix(".dist-info/METADATA") {
            if let slash = path.lastIndex(of: "/") { distInfos.insert(String(path[..<slash])) }
        }
        for distInfo in distInfos.sorted() {
            let base = distInfo.split(separator: "/").last.map(String.init) ?? distInfo
            let stem = base.dropLast(".dist-info".count)
            var name = stem.split(separator: "-", maxSplits: 1).first.map(String.init) ?? String(stem)
            var version = stem.split(separator: "-", maxSplits: 1).dropFirst().first.map(String.init)
            if let metadata = captured[distInfo + "/METADATA"] {
                let headers = DebianControl.stanzas(metadata).first
                name = headers?["Name"] ?? name
                version = headers?["Version"] ?? version
            }
            let sitePackages = distInfo[..<(distInfo.lastIndex(of: "/") ?? distInfo.startIndex)]
            // The metadata files belong to the distribution even where RECORD leaves them out.
            var files: [String] = [distInfo + "/METADATA", distInfo + "/RECORD"]
            if let record = captured[distInfo + "/RECORD"] {
                for line in String(decoding: record, as: UTF8.self).split(separator: "\n") {
                    guard let relative = Self.firstCSVField(line), !relative.isEmpty else { continue }
                    files.append(relative.hasPrefix("/") ? normalisedPath(relative) : normalisedPath(sitePackages + "/" + relative))
                }
            } else {
                notes.append(
                    "\(distInfo) has no readable RECORD (missing, or over the capture limit: see the notes):"
                        + " the files of Python package \(name) are not attributed to it")
            }
            let normalised = Self.normalisedPythonName(name)
            add(Package(ecosystem: .pypi, name: name, version: version, record: distInfo,
                        mlRule: rules.packageRule(.pypi, normalised)), files: files, resolver: &resolver, python: true)
        }
    }

    /// PEP 503 normalisation: lower case, runs of "-", "_" and "." become "-".
    static func normalisedPythonName(_ name: String) -> String {
        var result = ""
        var lastWasSeparator = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !lastWasSeparator { result.append("-") }
                lastWasSeparator = true
            } else {
                result.append(character)
                lastWasSeparator = false
            }
        }
        return result
    }

    /// The first field of a CSV line (RECORD quotes paths that contain commas).
    static func firstCSVField(_ line: Substring) -> String? {
        let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
        guard trimmed.first == "\"" else {
            return trimmed.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        }
        var field = ""
        var index = trimmed.index(after: trimmed.startIndex)
        while index < trimmed.endIndex {
            let character = trimmed[index]
            if character == "\"" {
                let next = trimmed.index(after: index)
                if next < trimmed.endIndex, trimmed[next] == "\"" {
                    field.append("\"")
                    index = trimmed.index(after: next)
                    continue
                }
                return field
            }
            field.append(character)
            index = trimmed.index(after: index)
        }
        return nil
    }
}

/// Resolves the directory part of database paths through the image's symbolic links, remembering
/// each directory's answer (a package lists many files per directory).
private struct ParentResolver {
    let links: SymlinkTable
    var memo: [Substring: String] = [:]

    init(links: SymlinkTable) { self.links = links }

    mutating func canonical(_ path: String) -> String {
        if links.isEmpty { return path }
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return path }
        let parent = path[..<slash]
        if let known = memo[parent] { return known + path[slash...] }
        let real = links.resolve(String(parent)) ?? String(parent)
        let prefix = real == "/" ? "" : real
        memo[parent] = prefix
        return prefix + path[slash...]
    }
}
