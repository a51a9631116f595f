/// Where node packages sit in a path, by Node's layout rules: a package is the directory
/// `node_modules/NAME` or `node_modules/@scope/NAME`; the innermost `node_modules` decides, so a
/// nested (conflicting) copy and pnpm's `.pnpm/NAME@VERSION/node_modules/NAME` are packages of
/// their own. Names that start with "." (`.bin`, `.pnpm`, `.cache`) are not packages.
enum NodePackagePath {
    static let nodeModules = "node_modules"

    /// The package a directory lies in, as the number of leading components that make the package's
    /// directory, and the position of the `node_modules` component before it. For
    /// ["app", "node_modules", "@nestjs", "core", "dist"]: depth 4, nodeModulesIndex 1.
    static func package(in components: [Substring]) -> (depth: Int, nodeModulesIndex: Int)? {
        guard let index = components.lastIndex(where: { $0 == nodeModules }) else { return nil }
        let nameIndex = index + 1
        guard nameIndex < components.count else { return nil }
        let first = components[nameIndex]
        if first.hasPrefix(".") { return nil }
        if first.hasPrefix("@") {
            guard nameIndex + 1 < components.count, !components[nameIndex + 1].hasPrefix(".") else { return nil }
            return (nameIndex + 2, index)
        }
        return (nameIndex + 1, index)
    }

    /// Whether a `package.json` in `directory` (relative, no leading slash) is one the accountant
    /// reads: a project's (no `node_modules` above it) or a package's own (at a package root).
    static func isManifestWorthReading(directory: Substring) -> Bool {
        guard directory.contains(nodeModules) else { return true }
        let components = directory.split(separator: "/")
        guard components.contains(where: { $0 == nodeModules }) else { return true }
        guard let package = package(in: components) else { return false }
        return package.depth == components.count
    }

    /// The package name a pnpm virtual-store directory names ("@scope+name@1.2.3_peer" ->
    /// "@scope/name", "1.2.3"), for packages whose own manifest cannot be read.
    static func pnpmStoreEntry(_ entry: Substring) -> (name: String, version: String)? {
        let scoped = entry.hasPrefix("@")
        let searchStart = scoped ? entry.index(after: entry.startIndex) : entry.startIndex
        guard let at = entry[searchStart...].firstIndex(of: "@") else { return nil }
        var name = String(entry[..<at])
        if scoped { name = name.replacingFirst("+", with: "/") }
        var version = entry[entry.index(after: at)...]
        if let cut = version.firstIndex(where: { $0 == "_" || $0 == "(" }) { version = version[..<cut] }
        guard !name.isEmpty, !version.isEmpty else { return nil }
        return (name, String(version))
    }
}
