import ImageModel
import SizeAccounting

extension InspectText {
    /// "Categories": every category with bytes, share and files; ml-libraries and
    /// caches-and-leftovers broken down by rule.
    func categories(_ ledger: SizeLedger) -> String {
        var table = TextTable(headers: ["CATEGORY", "SIZE", "SHARE", "FILES"], alignments: [.left, .right, .right, .right])
        for row in LedgerPresentation.categoryRows(ledger) {
            table.add([
                row.isRule ? "  " + row.label : row.label, bytes.string(row.bytes),
                LedgerPresentation.share(row.bytes, of: ledger.contentBytes), groupedInteger(Int64(row.files)),
            ])
        }
        table.add(["total", bytes.string(ledger.contentBytes), "100%", ""])
        return "\nCategories\n" + table.render(indent: "  ")
    }

    /// "Packages": the `top` largest packages, then node installs and what their records say.
    func packages(_ ledger: SizeLedger, top: Int) -> String {
        var out = ""
        if !ledger.packages.isEmpty && top > 0 {
            out += "\nLargest packages (\(groupedInteger(Int64(ledger.packages.count))) in all)\n"
            var table = TextTable(headers: ["SIZE", "FILES", "SCOPE", "TYPE", "PACKAGE"], alignments: [.right, .right, .left, .left, .left])
            for package in ledger.packages.prefix(top) {
                table.add([
                    bytes.string(package.sizeBytes), groupedInteger(Int64(package.fileCount)),
                    LedgerPresentation.scope(package), package.ecosystem.rawValue, package.displayName,
                ])
            }
            out += table.render(indent: "  ")
        }
        if !ledger.nodeInstalls.isEmpty {
            out += "\nNode installs\n" + ledger.nodeInstalls.map { "  " + LedgerPresentation.describe($0) + "\n" }.joined()
        }
        return out
    }

    /// "Duplicate files": each content stored at several paths, the copy to keep first.
    func duplicateFiles(_ ledger: SizeLedger) -> String {
        guard !ledger.duplicateFiles.isEmpty else { return "" }
        var out = "\nDuplicate files (\(LedgerPresentation.duplicateFilesSummary(ledger, bytes: bytes)))\n"
        for group in ledger.duplicateFiles {
            out += "  \(bytes.string(group.extraBytes)) extra: \(group.paths.count) copies of \(bytes.string(group.sizeBytes))"
                + " · \(ImageDigest.display(group.digest)) · extra copies in \(LedgerPresentation.extraCategories(group))\n"
            out += "      keep   \(group.keptPath)\n"
            for path in group.extraPaths { out += "      extra  \(path)\n" }
        }
        return out
    }

    /// "Findings": severity, bytes at stake, message and next step.
    func findings(_ ledger: SizeLedger) -> String {
        guard !ledger.findings.isEmpty else { return "" }
        var out = "\nFindings\n"
        for finding in ledger.findings {
            let stake = finding.bytes > 0 ? " (\(bytes.string(finding.bytes)))" : ""
            out += "  \(finding.severity.rawValue): \(finding.id)\(stake): \(finding.message)\n"
            out += "      next step: \(finding.suggestion)\n"
        }
        return out
    }
}
