import SizeAccounting

/// Wording shared by the text and Markdown renderings of a ledger.
enum LedgerPresentation {
    /// "13.7%": `bytes` as a share of `total`, one decimal.
    static func share(_ bytes: Int64, of total: Int64) -> String {
        guard total > 0 else { return "0%" }
        return ByteFormatter.fixed(Double(bytes) * 100 / Double(total), decimals: 1) + "%"
    }

    /// Rows of the category table: each category, then its rule breakdown indented below it.
    static func categoryRows(_ ledger: SizeLedger) -> [(label: String, bytes: Int64, files: Int, isRule: Bool)] {
        var rows: [(String, Int64, Int, Bool)] = []
        for total in ledger.categories {
            rows.append((total.category.rawValue, total.bytes, total.fileCount, false))
            for rule in ledger.rules where rule.category == total.category {
                rows.append((rule.name, rule.bytes, rule.fileCount, true))
            }
        }
        return rows
    }

    /// "/app/node_modules: pnpm 9.1.0 · 412 packages (180 prod, 230 dev, 2 extraneous) · pnpm
    /// installed devDependencies: yes".
    static func describe(_ install: NodeInstall) -> String {
        var parts: [String] = []
        var manager = install.isGlobal ? "global install" : install.manager == .unknown ? "unknown manager" : install.manager.rawValue
        if let version = install.packageManagerVersion { manager += " (\(version))" }
        parts.append(manager)
        let total = install.prodPackages + install.devPackages + install.extraneousPackages
        parts.append("\(groupedInteger(Int64(total))) packages (\(install.prodPackages) prod, \(install.devPackages) dev, \(install.extraneousPackages) extraneous)")
        if let statement = install.devDependenciesStatement { parts.append(statement) }
        if let lockDev = install.lockfileDevPackages {
            let lockfile = install.manager == .pnpm ? "pnpm-lock.yaml" : "hidden lockfile"
            var check = "\(lockfile) marks \(lockDev) dev"
            if install.disagreementCount > 0 {
                check += "; disagrees with the graph on \(install.disagreementCount): "
                    + install.disagreements.prefix(5).joined(separator: ", ")
                    + (install.disagreementCount > 5 ? ", …" : "")
            } else {
                check += ", agreeing with the graph"
            }
            parts.append(check)
        }
        if let store = install.storeDirectory { parts.append("store \(store)") }
        return install.path + ": " + parts.joined(separator: " · ")
    }

    /// "2 contents at 5 paths, 45.0 MB in extra copies": the heading of the duplicate files.
    static func duplicateFilesSummary(_ ledger: SizeLedger, bytes: ByteFormatter) -> String {
        let paths = ledger.duplicateFiles.reduce(0) { $0 + $1.paths.count }
        let extra = ledger.duplicateFiles.reduce(Int64(0)) { $0 + $1.extraBytes }
        let contents = ledger.duplicateFiles.count
        return "\(groupedInteger(Int64(contents))) \(contents == 1 ? "content" : "contents") at \(groupedInteger(Int64(paths))) paths, "
            + "\(bytes.string(extra)) in extra copies"
    }

    /// "ml-libraries, other": the categories of a group's extra copies, in precedence order.
    static func extraCategories(_ group: DuplicateFileGroup) -> String {
        group.extraCategories.map(\.category.rawValue).joined(separator: ", ")
    }

    /// The scope column: "prod", "dev", "extraneous", or "-" for OS and Python packages.
    static func scope(_ package: InstalledPackage) -> String { package.scope?.rawValue ?? "-" }
}
