/// The parts of a `package.json` the dependency graph needs.
///
/// Read as npm reads it (normalize-package-data): a `name` or `version` that is not a string is
/// absent, a dependency section that is not an object is ignored, and a dependency whose range is
/// not a string is dropped while its siblings are kept. Only a file that is not JSON, or not an
/// object, is unreadable.
struct PackageManifest: Sendable, Equatable, Decodable {
    var name: String?
    var version: String?
    /// Names only, sorted: the graph follows what is installed, not version ranges.
    var dependencies: [String] = []
    var devDependencies: [String] = []
    var optionalDependencies: [String] = []
    var peerDependencies: [String] = []

    /// What production code of this package can load: dependencies, optional and peer ones.
    var runtimeDependencies: [String] { dependencies + optionalDependencies + peerDependencies }

    init() {}

    private enum Key: String, CodingKey {
        case name, version, dependencies, devDependencies, optionalDependencies, peerDependencies
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        name = container.lenient(String.self, .name)
        version = container.lenient(String.self, .version)
        func names(_ key: Key) -> [String] { container.lenient(LenientMap<String>.self, key)?.keys ?? [] }
        dependencies = names(.dependencies)
        devDependencies = names(.devDependencies)
        optionalDependencies = names(.optionalDependencies)
        peerDependencies = names(.peerDependencies)
    }

    /// Parses a manifest; throws with the reason when it is not a JSON object (the caller notes it).
    static func parse(_ bytes: [UInt8]) throws(ThirdPartyDocument.Unreadable) -> PackageManifest {
        try ThirdPartyDocument.json(PackageManifest.self, from: bytes)
    }
}
