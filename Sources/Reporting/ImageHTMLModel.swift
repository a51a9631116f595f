import ImageModel
import SizeAccounting
import SizeGate

/// What the HTML report of one image shows. The reader's facts are always there; the
/// accountant's categories, packages and findings are optional, and each section that needs them
/// is left out (or falls back to layers and directories) while they are nil.
///
/// `init(report:)` fills them from the report's ledger when the image was accounted. The
/// treemap's category level needs the category of each file, which the ledger does not keep:
/// `fileCategory` is the seam for it.
public struct ImageHTMLModel: Sendable {
    /// One size category of the ledger, as the accountant totals it.
    public typealias Category = SizeLedger.CategoryTotal
    /// One installed package, as the accountant found it.
    public typealias Package = InstalledPackage

    /// Something to act on: the accountant's finding, as the gate reports it too.
    public typealias Finding = SizeAccounting.Finding

    public var report: ImageReport
    /// The ledger's categories (summing to content bytes); nil until accounted.
    public var categories: [Category]?
    /// Installed packages, largest first; nil until accounted.
    public var packages: [Package]?
    /// Findings in report order; nil until accounted.
    public var findings: [Finding]?
    /// Contents stored at several paths, largest extra bytes first; nil until accounted.
    public var duplicateFiles: [DuplicateFileGroup]?
    /// The category of a final file, for the treemap's second level; nil until accounted.
    public var fileCategory: (@Sendable (FinalFile) -> String)?

    public init(
        report: ImageReport, categories: [Category]?, packages: [Package]? = nil, findings: [Finding]? = nil,
        fileCategory: (@Sendable (FinalFile) -> String)? = nil
    ) {
        self.report = report
        self.categories = categories
        self.packages = packages
        self.findings = findings
        self.fileCategory = fileCategory
    }
}

extension ImageHTMLModel {
    /// The model of `report`, with the accountant's categories, packages and findings when the
    /// report carries a ledger.
    public init(report: ImageReport) {
        guard let ledger = report.ledger else {
            self.init(report: report, categories: nil)
            return
        }
        self.init(
            report: report,
            categories: ledger.categories,
            packages: ledger.packages.sorted { ($0.sizeBytes, $1.name) > ($1.sizeBytes, $0.name) },
            findings: ledger.findings.sorted(by: SizeAccounting.Finding.reportOrder))
        duplicateFiles = ledger.duplicateFiles
    }
}
