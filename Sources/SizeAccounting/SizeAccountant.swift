import ImageModel

/// Labels every byte of an image (the size ledger): a pure function of the loaded image and the
/// rules; it reads no files (the loader captured the few it needs, see `CaptureRequirements`).
public struct SizeAccountant: Sendable {
    /// The rules in force: built-in ones, possibly extended by a user's.
    public var rules: AccountingRules

    public init(rules: AccountingRules) {
        self.rules = rules
    }

    /// An accountant with the built-in rules, extended by `user`'s when given.
    public static func standard(extendedWith user: AccountingRules? = nil) throws(RulesError) -> SizeAccountant {
        let builtIn = try AccountingRules.builtIn()
        return SizeAccountant(rules: user.map(builtIn.extended) ?? builtIn)
    }

    /// What the loader must capture for `account` to see package manifests and databases.
    public var captureRequirements: CaptureRequirements { CaptureRequirements(rules: rules) }

    /// Regular files of at least this many bytes are compared by content (duplicate files).
    public var duplicateFileMinBytes: Int64 { rules.duplicateFileMinBytes ?? DuplicateFileGroup.defaultMinBytes }

    /// The ledger of `image`. Categories in precedence order sum to `image.contentBytes`.
    public func account(_ image: LoadedImage) -> SizeLedger {
        let compiled = CompiledRules(rules.extended(with: Self.recordedStores(image.captured)), workdir: image.config.workdir)
        var linkList: [String: String] = [:]
        for position in image.files.indices where image.files.kind(at: position) == .symlink {
            let file = image.files[position]
            if let target = file.linkTarget { linkList[file.path] = target }
        }
        let links = SymlinkTable(linkList)
        let owned = OwnedPackages(captured: image.captured, databases: rules.databases, links: links, rules: compiled)
        var pass = AccountingPass(rules: compiled, captured: image.captured, workdir: image.config.workdir, owned: owned)
        pass.digests = image.fileDigests
        pass.digestMinBytes = duplicateFileMinBytes
        pass.run(image.files)
        pass.collectRoots()

        // Scope every node package copy, then settle the bytes the pass held on them.
        let installFacts = NodeInstallFacts(pass: pass, captured: image.captured)
        let scoper = DependencyScoper(copies: pass.copies, copyIndex: pass.copyIndex, roots: pass.roots, links: links)
        var scopes = scoper.scopes(globalInstalls: installFacts.globalInstalls)
        installFacts.applyLockfileFallback(to: &scopes, copies: pass.copies)
        for (index, copy) in pass.copies.enumerated() {
            let category = SizeCategory.nodePackage(devOnly: scopes[index] == .dev)
            pass.count(category, copy.pendingBytes, files: copy.pendingFiles)
        }
        pass.count(.wasted, image.wastedBytes, files: image.wasteCauses.reduce(0) { $0 + $1.files })

        let categories = SizeCategory.allCases.map {
            SizeLedger.CategoryTotal(category: $0, bytes: pass.categoryBytes[$0.order], fileCount: pass.categoryFiles[$0.order])
        }
        let packages = PackageList(copies: pass.copies, scopes: scopes, owned: pass.owned.packages)
        let nodeInstalls = installFacts.records(copies: pass.copies, scopes: scopes)
        let ruleTotals = Self.ruleTotals(pass: pass, rules: compiled)
        var ledger = SizeLedger(
            contentBytes: image.contentBytes, categories: categories, rules: ruleTotals, packages: packages.packages,
            duplicates: packages.duplicates, nodeInstalls: nodeInstalls, findings: [],
            notes: pass.owned.notes + pass.notes + installFacts.notes,
            duplicateFiles: DuplicateFiles.groups(pass.digestedFiles, scopes: scopes))
        ledger.findings = FindingsBuilder(
            image: image, ledger: ledger, copies: pass.copies, scopes: scopes, roots: pass.roots
        ).findings()
        ledger.plan = SavingsPlanner(
            image: image, marks: pass.marks, pendingCopies: pass.pendingCopies, devCopy: scopes.map { $0 == .dev },
            fixes: PlanFix.standard(image: image, ledger: ledger)
        ).plan()
        return ledger
    }

    /// pnpm stores that `.modules.yaml` files name (`storeDir`), as caches: a store kept in the
    /// image is a leftover wherever it was configured to live.
    static func recordedStores(_ captured: [String: [UInt8]]) -> AccountingRules {
        var paths: [String] = []
        for (path, bytes) in captured where path.hasSuffix("/node_modules/.modules.yaml") {
            // An unreadable file is noted where installs are described (NodeInstallFacts).
            guard var store = (try? PnpmModulesManifest.parse(bytes))?.storeDirectory, store.hasPrefix("/"),
                !store.contains("*"), !store.contains("{"), normalisedPath(store) != "/"
            else { continue }
            store = normalisedPath(store) + "/"
            if !paths.contains(store) { paths.append(store) }
        }
        guard !paths.isEmpty else { return AccountingRules() }
        return AccountingRules(rules: [
            AccountingRules.Rule(
                category: .cachesAndLeftovers, name: "pnpm store", paths: paths.sorted(),
                suggestion: "Keep the store out of the image: `RUN --mount=type=cache,id=pnpm,target=<storeDir> pnpm install"
                    + " --frozen-lockfile`, or copy `pnpm deploy --prod` output into a clean final stage.")
        ])
    }

    /// Bytes per rule name within each category, largest first.
    private static func ruleTotals(pass: AccountingPass, rules: CompiledRules) -> [SizeLedger.RuleTotal] {
        var totals: [SizeLedger.RuleTotal] = []
        for (number, claim) in rules.claims.enumerated() where pass.ruleBytes[number] > 0 || pass.ruleFiles[number] > 0 {
            if let existing = totals.firstIndex(where: { $0.category == claim.category && $0.name == claim.name }) {
                totals[existing].bytes += pass.ruleBytes[number]
                totals[existing].fileCount += pass.ruleFiles[number]
                for root in pass.ruleRoots[number] where !totals[existing].paths.contains(root) {
                    totals[existing].paths.append(root)
                }
            } else {
                totals.append(SizeLedger.RuleTotal(
                    category: claim.category, name: claim.name, bytes: pass.ruleBytes[number],
                    fileCount: pass.ruleFiles[number], suggestion: claim.suggestion, paths: pass.ruleRoots[number]))
            }
        }
        for index in totals.indices { totals[index].paths.sort() }
        return totals.sorted { ($0.bytes, $1.category.order, $1.name) > ($1.bytes, $0.category.order, $0.name) }
    }
}
