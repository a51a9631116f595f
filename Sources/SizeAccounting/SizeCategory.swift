/// The labels of the size ledger, in order of precedence: a file that two rules claim lands in the
/// category listed first. Every regular-file byte of an image's content lands in exactly one.
public enum SizeCategory: String, Sendable, CaseIterable, Comparable {
    /// ML and native inference libraries and model files, wherever they sit.
    case mlLibraries = "ml-libraries"
    /// Node packages that production code cannot reach: only some root's devDependencies lead there.
    case devDependencies = "dev-dependencies"
    /// Every other file under a `node_modules` directory.
    case nodeModules = "node-modules"
    /// Files owned by dpkg or apk packages, and the package managers' own state.
    case osPackages = "os-packages"
    /// Package-manager caches, VCS and editor folders, logs and temporary files.
    case cachesAndLeftovers = "caches-and-leftovers"
    /// The application's own files under the image's WORKDIR.
    case app
    /// Everything else in the final filesystem.
    case other
    /// Bytes in layers that the final filesystem no longer shows (overwritten or deleted).
    case wasted

    /// The category of a node package copy's files once the dependency graph has scoped it: the
    /// one rule for the ledger, duplicate files and the savings plan alike.
    public static func nodePackage(devOnly: Bool) -> SizeCategory { devOnly ? .devDependencies : .nodeModules }

    /// Position in the precedence order, 0 first.
    public var order: Int {
        switch self {
        case .mlLibraries: return 0
        case .devDependencies: return 1
        case .nodeModules: return 2
        case .osPackages: return 3
        case .cachesAndLeftovers: return 4
        case .app: return 5
        case .other: return 6
        case .wasted: return 7
        }
    }

    public static func < (lhs: SizeCategory, rhs: SizeCategory) -> Bool { lhs.order < rhs.order }

    /// The categories a rules file may name: the others are decided by the dependency graph, the
    /// workdir and the reader.
    public static let ruleCategories: [SizeCategory] = [.mlLibraries, .osPackages, .cachesAndLeftovers]
}
