import ImageLoading
import ImageModel
import Reporting
import SizeAccounting
import SizeGate

/// Connects the size accountant to the reader and to the gate: what the loader must capture for
/// it, and its ledger in the gate's terms.
extension SizeAccountant {
    /// `options` with the capture policy this accountant's rules need (package.json files, package
    /// databases, lockfiles), and the size from which files are hashed to find duplicate files.
    public func applying(to options: LoadOptions) -> LoadOptions {
        var options = options
        let requirements = captureRequirements
        options.capture = CapturePolicy(maxBytes: requirements.maxBytes) { requirements.matches($0) }
        options.digestMinBytes = duplicateFileMinBytes
        return options
    }

    /// The image's categories, largest packages and findings, for measurements and gate reports.
    public func measurementBreakdown(_ image: LoadedImage) -> MeasurementBreakdown {
        Self.breakdown(of: account(image))
    }

    /// A ledger in the gate's terms: categories in the accountant's order, packages as listed.
    public static func breakdown(of ledger: SizeLedger) -> MeasurementBreakdown {
        MeasurementBreakdown(
            categories: ledger.categories.map { CategoryBytes(name: $0.category.rawValue, bytes: $0.bytes) },
            packages: ledger.packages.map {
                PackageMeasurement(
                    ecosystem: $0.ecosystem.rawValue, name: $0.name, version: $0.version, sizeBytes: $0.sizeBytes,
                    scope: $0.scope?.rawValue)
            },
            findings: ledger.findings)
    }
}
