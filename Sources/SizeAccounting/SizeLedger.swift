/// Where every byte of one image went: each regular-file byte of its content in exactly one
/// category, the packages found, what the package managers' own records say, and findings.
/// `LedgerInvariants` states what must always hold.
public struct SizeLedger: Sendable, Equatable {
    /// One category's share.
    public struct CategoryTotal: Sendable, Equatable {
        /// The category.
        public var category: SizeCategory
        /// Its bytes.
        public var bytes: Int64
        /// Regular files in the category (for `wasted`: superseded copies).
        public var fileCount: Int

        public init(category: SizeCategory, bytes: Int64, fileCount: Int) {
            self.category = category
            self.bytes = bytes
            self.fileCount = fileCount
        }
    }

    /// The bytes of one rule (ml-libraries and caches-and-leftovers are broken down by rule name).
    public struct RuleTotal: Sendable, Equatable {
        /// The category the rule claims for.
        public var category: SizeCategory
        /// The rule's name ("npm cache").
        public var name: String
        /// Bytes the rule decided (files an earlier category took are not counted).
        public var bytes: Int64
        /// Files the rule decided.
        public var fileCount: Int
        /// The rule's next step, if it has one.
        public var suggestion: String?
        /// A few directories where the rule claimed files (at most three per rule), sorted.
        public var paths: [String]

        public init(category: SizeCategory, name: String, bytes: Int64, fileCount: Int, suggestion: String?, paths: [String] = []) {
            self.category = category
            self.name = name
            self.bytes = bytes
            self.fileCount = fileCount
            self.suggestion = suggestion
            self.paths = paths
        }
    }

    /// The image's content bytes (`LoadedImage.contentBytes`), which the categories sum to.
    public var contentBytes: Int64
    /// Every category, in precedence order, zeros included.
    public var categories: [CategoryTotal]
    /// ml-libraries and caches-and-leftovers by rule, largest first.
    public var rules: [RuleTotal]
    /// Every package found: size descending, then ecosystem, name and version.
    public var packages: [InstalledPackage]
    /// Node packages installed in several versions or copies: extra bytes descending, then name.
    public var duplicates: [DuplicatePackage]
    /// Files (not packages) with identical contents at several final paths, of at least the rules'
    /// `duplicateFileMinBytes`: extra bytes descending, then the kept path. The extra copies' bytes
    /// stay in their categories; these groups say which of them a fix could remove.
    public var duplicateFiles: [DuplicateFileGroup]
    /// Top-level `node_modules` directories, by path.
    public var nodeInstalls: [NodeInstall]
    /// In report order (`Finding.reportOrder`).
    public var findings: [Finding]
    /// Inputs the accountant could not use (an unreadable package.json, ...), in the order met.
    public var notes: [String]
    /// The ordered fixes and the size they would bring the image to (`SavingsPlan`).
    public var plan: SavingsPlan

    public init(
        contentBytes: Int64, categories: [CategoryTotal], rules: [RuleTotal] = [], packages: [InstalledPackage] = [],
        duplicates: [DuplicatePackage] = [], nodeInstalls: [NodeInstall] = [], findings: [Finding] = [],
        notes: [String] = [], duplicateFiles: [DuplicateFileGroup] = []
    ) {
        self.duplicateFiles = duplicateFiles
        self.contentBytes = contentBytes
        self.categories = categories
        self.rules = rules
        self.packages = packages
        self.duplicates = duplicates
        self.nodeInstalls = nodeInstalls
        self.findings = findings
        self.notes = notes
        self.plan = .empty(contentBytes: contentBytes, compressedBytes: nil)
    }

    /// The bytes of one category.
    public func bytes(_ category: SizeCategory) -> Int64 {
        categories.first { $0.category == category }?.bytes ?? 0
    }

    /// The files of one category.
    public func fileCount(_ category: SizeCategory) -> Int {
        categories.first { $0.category == category }?.fileCount ?? 0
    }
}
