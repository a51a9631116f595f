/// pnpm's `node_modules/.modules.yaml`: what pnpm was told to install and where its store is.
/// pnpm writes it with js-yaml in block style, newer versions as JSON (which is YAML too); Yams
/// reads either. Fields of the wrong type are absent; only a file that is not a YAML mapping is
/// unreadable.
struct PnpmModulesManifest: Sendable, Equatable, Decodable {
    var includesDependencies: Bool?
    var includesDevDependencies: Bool?
    var includesOptionalDependencies: Bool?
    var packageManager: String?
    var storeDirectory: String?
    var virtualStoreDirectory: String?

    init() {}

    private enum Key: String, CodingKey { case included, packageManager, storeDir, virtualStoreDir }

    private struct Included: Decodable {
        var dependencies: Bool?
        var devDependencies: Bool?
        var optionalDependencies: Bool?

        private enum Key: String, CodingKey { case dependencies, devDependencies, optionalDependencies }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            dependencies = container.lenient(Bool.self, .dependencies)
            devDependencies = container.lenient(Bool.self, .devDependencies)
            optionalDependencies = container.lenient(Bool.self, .optionalDependencies)
        }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let included = container.lenient(Included.self, .included)
        includesDependencies = included?.dependencies
        includesDevDependencies = included?.devDependencies
        includesOptionalDependencies = included?.optionalDependencies
        func text(_ key: Key) -> String? { container.lenient(String.self, key).flatMap { $0.isEmpty ? nil : $0 } }
        packageManager = text(.packageManager)
        storeDirectory = text(.storeDir)
        virtualStoreDirectory = text(.virtualStoreDir)
    }

    static func parse(_ bytes: [UInt8]) throws(ThirdPartyDocument.Unreadable) -> PnpmModulesManifest {
        try ThirdPartyDocument.yaml(PnpmModulesManifest.self, from: bytes)
    }
}
