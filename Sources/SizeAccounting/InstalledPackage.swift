/// One installed package (every copy of one name and version), as the accountant found it.
public struct InstalledPackage: Sendable, Equatable {
    /// Where the package comes from.
    public enum Ecosystem: String, Sendable, CaseIterable, Comparable {
        case npm
        case deb
        case apk
        case pypi

        public static func < (lhs: Ecosystem, rhs: Ecosystem) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// Who needs a node package, from the dependency graph (see `Docs/accounting.md`).
    public enum Scope: String, Sendable, CaseIterable, Comparable {
        /// Reachable from a project's dependencies, optionalDependencies or peerDependencies (or a
        /// global install).
        case prod
        /// Reachable only through some project's devDependencies.
        case dev
        /// Reachable from no project at all.
        case extraneous

        public static func < (lhs: Scope, rhs: Scope) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// npm, deb, apk or pypi.
    public var ecosystem: Ecosystem
    /// The name the package's own metadata gives (npm: the path's name when there is none).
    public var name: String
    /// The version the package's own metadata states; nil when it could not be read.
    public var version: String?
    /// Regular-file bytes of every copy in the final filesystem (hard links count 0, as in the
    /// ledger). Files of a nested package count for the nested package only.
    public var sizeBytes: Int64
    /// Regular files of every copy.
    public var fileCount: Int
    /// For npm packages: the widest scope of any copy (prod before dev before extraneous); nil for
    /// the other ecosystems.
    public var scope: Scope?
    /// npm: each copy's directory; pypi: the `.dist-info` directory; deb/apk: the database record
    /// that lists the package. Sorted.
    public var paths: [String]

    public init(
        ecosystem: Ecosystem, name: String, version: String?, sizeBytes: Int64, fileCount: Int, scope: Scope?,
        paths: [String]
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.sizeBytes = sizeBytes
        self.fileCount = fileCount
        self.scope = scope
        self.paths = paths
    }

    /// "name@version", or the name alone when the version is unknown.
    public var displayName: String { version.map { "\(name)@\($0)" } ?? name }
}

/// A node package installed in several versions or several copies.
public struct DuplicatePackage: Sendable, Equatable {
    /// The npm package name.
    public var name: String
    /// The distinct versions, sorted; unknown versions are left out.
    public var versions: [String]
    /// How many directories hold a copy.
    public var copies: Int
    /// Bytes of all copies together.
    public var totalBytes: Int64
    /// What the extra copies cost: every copy's bytes except the largest one's.
    public var extraBytes: Int64

    public init(name: String, versions: [String], copies: Int, totalBytes: Int64, extraBytes: Int64) {
        self.name = name
        self.versions = versions
        self.copies = copies
        self.totalBytes = totalBytes
        self.extraBytes = extraBytes
    }
}
