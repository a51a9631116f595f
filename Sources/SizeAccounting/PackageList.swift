/// Turns package copies and database packages into the ledger's package list and duplicates.
struct PackageList {
    private(set) var packages: [InstalledPackage] = []
    private(set) var duplicates: [DuplicatePackage] = []

    private struct Key: Hashable {
        var ecosystem: InstalledPackage.Ecosystem
        var name: String
        var version: String?
    }

    init(copies: [AccountingPass.NodeCopy], scopes: [InstalledPackage.Scope?], owned: [OwnedPackages.Package]) {
        var byKey: [Key: InstalledPackage] = [:]
        func merge(_ key: Key, bytes: Int64, files: Int, scope: InstalledPackage.Scope?, path: String) {
            if var known = byKey[key] {
                known.sizeBytes += bytes
                known.fileCount += files
                if !known.paths.contains(path) { known.paths.append(path) }
                if let scope { known.scope = min(known.scope ?? scope, scope) }
                byKey[key] = known
            } else {
                byKey[key] = InstalledPackage(
                    ecosystem: key.ecosystem, name: key.name, version: key.version, sizeBytes: bytes, fileCount: files,
                    scope: scope, paths: [path])
            }
        }
        for (index, copy) in copies.enumerated() {
            merge(Key(ecosystem: .npm, name: copy.name, version: copy.manifest?.version), bytes: copy.sizeBytes,
                  files: copy.fileCount, scope: scopes[index] ?? .extraneous, path: copy.directory)
        }
        for package in owned {
            merge(Key(ecosystem: package.ecosystem, name: package.name, version: package.version),
                  bytes: package.sizeBytes, files: package.fileCount, scope: nil, path: package.record)
        }
        packages = byKey.values.map { package in
            var sorted = package
            sorted.paths.sort()
            return sorted
        }.sorted(by: Self.order)

        // Duplicates: one name in several directories.
        var byName: [String: [AccountingPass.NodeCopy]] = [:]
        for copy in copies { byName[copy.name, default: []].append(copy) }
        for (name, group) in byName where group.count > 1 {
            let total = group.reduce(Int64(0)) { $0 + $1.sizeBytes }
            let largest = group.map(\.sizeBytes).max() ?? 0
            let versions = Set(group.compactMap { $0.manifest?.version }).sorted()
            duplicates.append(DuplicatePackage(name: name, versions: versions, copies: group.count, totalBytes: total, extraBytes: total - largest))
        }
        duplicates.sort { ($0.extraBytes, $1.name) > ($1.extraBytes, $0.name) }
    }

    /// Size descending, then ecosystem, name and version.
    static func order(_ lhs: InstalledPackage, _ rhs: InstalledPackage) -> Bool {
        if lhs.sizeBytes != rhs.sizeBytes { return lhs.sizeBytes > rhs.sizeBytes }
        if lhs.ecosystem != rhs.ecosystem { return lhs.ecosystem < rhs.ecosystem }
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        return (lhs.version ?? "") < (rhs.version ?? "")
    }
}
