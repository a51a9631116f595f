import ImageModel

/// What the HTML report of one image shows. The reader's facts are always there; the
/// accountant's categories, packages and findings are optional, and each section that needs them
/// is left out (or falls back to layers and directories) while they are nil.
///
/// Seam: when `ImageReport` carries the accountant's ledger, `init(report:)` fills these
/// fields from it; the renderer needs no change.
public struct ImageHTMLModel: Sendable {
    /// One size category of the ledger.
    public struct Category: Sendable, Equatable {
        public var name: String
        public var bytes: Int64

        public init(name: String, bytes: Int64) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// One installed package.
    public struct Package: Sendable, Equatable {
        public var ecosystem: String
        public var name: String
        public var version: String?
        public var sizeBytes: Int64
        /// "prod", "dev" or "extraneous" for node packages.
        public var scope: String?
        /// Directories of the package's copies (npm) or its database record (deb, apk, pypi).
        public var paths: [String]

        public init(ecosystem: String, name: String, version: String?, sizeBytes: Int64, scope: String?, paths: [String]) {
            self.ecosystem = ecosystem
            self.name = name
            self.version = version
            self.sizeBytes = sizeBytes
            self.scope = scope
            self.paths = paths
        }

        var displayName: String { version.map { "\(name)@\($0)" } ?? name }
    }

    /// Something to act on.
    public struct Finding: Sendable, Equatable {
        public var id: String
        /// "error", "warning" or "info".
        public var severity: String
        public var bytes: Int64
        public var message: String
        public var suggestion: String

        public init(id: String, severity: String, bytes: Int64, message: String, suggestion: String) {
            self.id = id
            self.severity = severity
            self.bytes = bytes
            self.message = message
            self.suggestion = suggestion
        }
    }

    public var report: ImageReport
    /// The ledger's categories (summing to content bytes); nil until accounted.
    public var categories: [Category]?
    /// Installed packages, largest first; nil until accounted.
    public var packages: [Package]?
    /// Findings in report order; nil until accounted.
    public var findings: [Finding]?
    /// The category of a final file, for the treemap's second level; nil until accounted.
    public var fileCategory: (@Sendable (FinalFile) -> String)?

    public init(
        report: ImageReport, categories: [Category]? = nil, packages: [Package]? = nil, findings: [Finding]? = nil,
        fileCategory: (@Sendable (FinalFile) -> String)? = nil
    ) {
        self.report = report
        self.categories = categories
        self.packages = packages
        self.findings = findings
        self.fileCategory = fileCategory
    }
}
