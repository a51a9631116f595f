/// One top-level `node_modules` directory: which package manager filled it, what its own records
/// say about dev dependencies, and how the dependency graph scoped its packages. The records are a
/// cross-check; the graph decides.
public struct NodeInstall: Sendable, Equatable {
    /// The package manager that filled the directory, as its records show.
    public enum Manager: String, Sendable {
        case npm
        case pnpm
        case yarn
        case unknown
    }

    /// The directory: "/app/node_modules".
    public var path: String
    /// `.unknown` when no record (and no `.pnpm` store) says.
    public var manager: Manager
    /// A global install (`<prefix>/lib/node_modules`): its top-level packages count as roots.
    public var isGlobal: Bool
    /// The record the manager left, if any: ".modules.yaml" (pnpm), ".package-lock.json" (npm 7+),
    /// ".yarn-integrity" or ".yarn-state.yml" (yarn); as an absolute path.
    public var record: String?
    /// What the record says about dev dependencies: pnpm's `included.devDependencies`, or for npm
    /// whether any hidden-lockfile entry is `"dev": true`; nil when no record says.
    public var devDependenciesInstalled: Bool?
    /// pnpm's `packageManager` ("pnpm@9.1.0"), when recorded.
    public var packageManagerVersion: String?
    /// pnpm's `storeDir`, when recorded.
    public var storeDirectory: String?
    /// Package copies below this directory, by graph scope.
    public var prodPackages: Int
    /// Copies of scope dev.
    public var devPackages: Int
    /// Copies no project reaches.
    public var extraneousPackages: Int
    /// Bytes of the dev-scoped copies.
    public var devBytes: Int64
    /// The lockfile the scopes were cross-checked against, as an absolute path: npm's hidden
    /// lockfile (`node_modules/.package-lock.json`) or pnpm's `pnpm-lock.yaml`; nil when none was read.
    public var lockfile: String?
    /// How many lockfile packages are dev only: npm's entries marked `"dev": true`, pnpm's packages
    /// marked `dev: true` (lockfile 6.0, 7.0) or reached only from devDependencies (9.0); nil
    /// without a readable lockfile.
    public var lockfileDevPackages: Int?
    /// Package directories (relative to the project) where the lockfile's dev-ness and the graph
    /// disagree, sorted; at most `disagreementLimit` are kept.
    public var disagreements: [String]
    /// How many disagreements there were in all.
    public var disagreementCount: Int

    /// How many disagreement examples are kept.
    public static let disagreementLimit = 20

    public init(
        path: String, manager: Manager, isGlobal: Bool = false, record: String? = nil,
        devDependenciesInstalled: Bool? = nil, packageManagerVersion: String? = nil, storeDirectory: String? = nil,
        prodPackages: Int = 0, devPackages: Int = 0, extraneousPackages: Int = 0, devBytes: Int64 = 0,
        lockfile: String? = nil, lockfileDevPackages: Int? = nil, disagreements: [String] = [], disagreementCount: Int = 0
    ) {
        self.path = path
        self.manager = manager
        self.isGlobal = isGlobal
        self.record = record
        self.devDependenciesInstalled = devDependenciesInstalled
        self.packageManagerVersion = packageManagerVersion
        self.storeDirectory = storeDirectory
        self.prodPackages = prodPackages
        self.devPackages = devPackages
        self.extraneousPackages = extraneousPackages
        self.devBytes = devBytes
        self.lockfile = lockfile
        self.lockfileDevPackages = lockfileDevPackages
        self.disagreements = disagreements
        self.disagreementCount = disagreementCount
    }

    /// "pnpm installed devDependencies: yes", or nil when no record says.
    public var devDependenciesStatement: String? {
        guard let devDependenciesInstalled else { return nil }
        return "\(manager.rawValue) installed devDependencies: \(devDependenciesInstalled ? "yes" : "no")"
    }
}
