/// The data that decides the `ml-libraries`, `os-packages` and `caches-and-leftovers` categories:
/// path patterns and package names per rule, and where the package databases live. The defaults
/// ship with the tool (`AccountingRules.builtIn`); a user extends them with a rules file of the
/// same format (`Docs/accounting.md`, "Rules file").
public struct AccountingRules: Sendable, Equatable {
    /// One named rule: the files it claims for its category.
    public struct Rule: Sendable, Equatable {
        /// One of `SizeCategory.ruleCategories`.
        public var category: SizeCategory
        /// Shown in findings and breakdowns: "npm cache", "TensorFlow".
        public var name: String
        /// Path patterns (see `PathPattern`).
        public var paths: [String]
        /// Package-name globs per ecosystem: every file of a matching package is claimed
        /// (ml-libraries only).
        public var packages: [InstalledPackage.Ecosystem: [String]]
        /// The next step a finding about this rule's bytes suggests.
        public var suggestion: String?

        public init(
            category: SizeCategory, name: String, paths: [String] = [],
            packages: [InstalledPackage.Ecosystem: [String]] = [:], suggestion: String? = nil
        ) {
            self.category = category
            self.name = name
            self.paths = paths
            self.packages = packages
            self.suggestion = suggestion
        }
    }

    /// Where package managers keep their records, as absolute paths.
    public struct PackageDatabases: Sendable, Equatable {
        /// dpkg status files (`/var/lib/dpkg/status`).
        public var dpkgStatus: [String]
        /// Directories of one-stanza-per-package status files with `.md5sums` file lists
        /// (distroless: `/var/lib/dpkg/status.d/`).
        public var dpkgStatusDirectories: [String]
        /// Directories of `<package>.list` file lists (`/var/lib/dpkg/info/`).
        public var dpkgInfoDirectories: [String]
        /// apk's installed database (`/lib/apk/db/installed`).
        public var apkInstalled: [String]

        public init(
            dpkgStatus: [String] = [], dpkgStatusDirectories: [String] = [], dpkgInfoDirectories: [String] = [],
            apkInstalled: [String] = []
        ) {
            self.dpkgStatus = dpkgStatus
            self.dpkgStatusDirectories = dpkgStatusDirectories
            self.dpkgInfoDirectories = dpkgInfoDirectories
            self.apkInstalled = apkInstalled
        }

        /// Both lists, without repeating an entry.
        func merging(_ other: PackageDatabases) -> PackageDatabases {
            func union(_ a: [String], _ b: [String]) -> [String] { a + b.filter { !a.contains($0) } }
            return PackageDatabases(
                dpkgStatus: union(dpkgStatus, other.dpkgStatus),
                dpkgStatusDirectories: union(dpkgStatusDirectories, other.dpkgStatusDirectories),
                dpkgInfoDirectories: union(dpkgInfoDirectories, other.dpkgInfoDirectories),
                apkInstalled: union(apkInstalled, other.apkInstalled))
        }
    }

    /// In file order; within a category the first matching rule names the bytes.
    public var rules: [Rule]
    /// Where the package databases live.
    public var databases: PackageDatabases

    /// Regular files of at least this many bytes with identical contents at several final paths
    /// are reported as duplicate files (rules file: `"duplicateFiles": {"minBytes": N}`); nil: the
    /// default, `DuplicateFileGroup.defaultMinBytes` (1 MiB).
    public var duplicateFileMinBytes: Int64?

    public init(rules: [Rule] = [], databases: PackageDatabases = PackageDatabases(), duplicateFileMinBytes: Int64? = nil) {
        self.rules = rules
        self.databases = databases
        self.duplicateFileMinBytes = duplicateFileMinBytes
    }

    /// These rules extended by `user`'s: the user's rules come first, so that where both claim a
    /// file for the same category the user's name and suggestion are the ones reported. The user's
    /// duplicate-file threshold, when set, replaces this one.
    public func extended(with user: AccountingRules) -> AccountingRules {
        AccountingRules(
            rules: user.rules + rules, databases: databases.merging(user.databases),
            duplicateFileMinBytes: user.duplicateFileMinBytes ?? duplicateFileMinBytes)
    }

    /// The rules that ship with Plimsoll, parsed from the JSON embedded in the binary (so a missing
    /// resource bundle cannot break the tool). Throws only if that JSON is broken, which the test
    /// suite rules out.
    public static func builtIn() throws(RulesError) -> AccountingRules {
        try parse(Array(DefaultRules.json.utf8), source: DefaultRules.sourceName)
    }
}
