import PlimsollTestSupport

/// One npm package as pnpm installs it: the real directory under `node_modules/.pnpm/` with a
/// `package.json` people and the accountant can read, and zero-filled files for its bulk.
struct NpmPackage {
    var name: String
    var version: String
    /// Bytes besides package.json, split over the files below.
    var files: [(path: String, bytes: Int64)]
    /// Installed only for development (`devDependencies`).
    var dev: Bool = false

    /// `@scope/name` → `@scope+name` as pnpm writes store directory names.
    var storeName: String { name.replacingOccurrences(of: "/", with: "+") }

    /// `/app/node_modules/.pnpm/NAME@VERSION/node_modules/NAME`.
    func directory(root: String) -> String {
        "\(root)/node_modules/.pnpm/\(storeName)@\(version)/node_modules/\(name)"
    }

    func entries(root: String) -> [EntrySpec] {
        let directory = directory(root: root)
        var entries: [EntrySpec] = [
            .file(directory + "/package.json", text: #"{"name": "\#(name)", "version": "\#(version)", "main": "index.js"}"# + "\n")
        ]
        entries += files.map { .file(directory + "/" + $0.path, size: $0.bytes) }
        // The top-level name is a symlink into the store, as pnpm makes for direct dependencies.
        let link = "\(root)/node_modules/\(name)"
        let depth = name.split(separator: "/").count - 1
        let up = String(repeating: "../", count: depth)
        entries.append(.symlink(link, target: "\(up).pnpm/\(storeName)@\(version)/node_modules/\(name)"))
        return entries
    }

    var totalBytes: Int64 { files.reduce(0) { $0 + $1.bytes } }
}

/// A pnpm-installed workspace package: its `package.json` and `node_modules`.
struct PnpmProject {
    var root: String
    var name: String
    var packages: [NpmPackage]

    var packageJSON: String {
        func list(_ dev: Bool) -> String {
            packages.filter { $0.dev == dev }.map { #"    "\#($0.name)": "\#($0.version)""# }.joined(separator: ",\n")
        }
        return """
            {
              "name": "\(name)",
              "version": "1.0.0",
              "private": true,
              "scripts": {"build": "nest build", "start": "node dist/main.js"},
              "dependencies": {
            \(list(false))
              },
              "devDependencies": {
            \(list(true))
              }
            }

            """
    }

    /// `node_modules/.modules.yaml`: which dependency groups pnpm installed.
    var modulesYAML: String {
        """
        hoistPattern:
          - '*'
        included:
          dependencies: true
          devDependencies: \(packages.contains { $0.dev } ? "true" : "false")
          optionalDependencies: true
        layoutVersion: 5
        nodeLinker: isolated
        packageManager: pnpm@9.15.0
        storeDir: /root/.local/share/pnpm/store/v3

        """
    }

    func installEntries() -> [EntrySpec] {
        [.file(root + "/node_modules/.modules.yaml", text: modulesYAML)] + packages.flatMap { $0.entries(root: root) }
    }
}
