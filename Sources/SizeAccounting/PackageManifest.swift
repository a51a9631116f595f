import StableJSON

/// The parts of a `package.json` the dependency graph needs.
struct PackageManifest: Sendable, Equatable {
    var name: String?
    var version: String?
    /// Names only, in file order: the graph follows what is installed, not version ranges.
    var dependencies: [String] = []
    var devDependencies: [String] = []
    var optionalDependencies: [String] = []
    var peerDependencies: [String] = []

    /// What production code of this package can load: dependencies, optional and peer ones.
    var runtimeDependencies: [String] { dependencies + optionalDependencies + peerDependencies }

    /// Parses a manifest; nil when it is not a JSON object (the caller notes it).
    static func parse(_ bytes: [UInt8]) -> PackageManifest? {
        guard let document = try? JSONParser.parse(bytes), case .object = document else { return nil }
        var manifest = PackageManifest()
        manifest.name = document["name"]?.stringValue
        manifest.version = document["version"]?.stringValue
        func names(_ key: String) -> [String] { document[key]?.objectValue?.map(\.key) ?? [] }
        manifest.dependencies = names("dependencies")
        manifest.devDependencies = names("devDependencies")
        manifest.optionalDependencies = names("optionalDependencies")
        manifest.peerDependencies = names("peerDependencies")
        return manifest
    }
}
