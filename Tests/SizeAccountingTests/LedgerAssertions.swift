import ImageModel
import SizeAccounting
import Testing

/// Accounts `image` with the built-in rules (and `extra` rules), checks the ledger invariants, and
/// checks every category against the spec's own totals.
@discardableResult
func accountAndCheck(
    _ spec: TestImage, rules extra: AccountingRules? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws -> (ledger: SizeLedger, image: LoadedImage) {
    let accountant = try SizeAccountant.standard(extendedWith: extra)
    let image = try spec.build(capturing: accountant.captureRequirements)
    let ledger = accountant.account(image)
    let problems = LedgerInvariants.violations(ledger, of: image)
    #expect(problems.isEmpty, "ledger invariants: \(problems)", sourceLocation: sourceLocation)
    for (actual, expected) in zip(ledger.categories, spec.expectedCategories) {
        #expect(actual == expected, "category \(expected.category.rawValue)", sourceLocation: sourceLocation)
    }
    return (ledger, image)
}

extension SizeLedger {
    func package(_ ecosystem: InstalledPackage.Ecosystem, _ name: String, _ version: String? = nil) -> InstalledPackage? {
        packages.first { $0.ecosystem == ecosystem && $0.name == name && (version == nil || $0.version == version) }
    }

    func findings(_ id: String) -> [Finding] { findings.filter { $0.id == id } }
}
