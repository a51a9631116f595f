import ImageModel
import SizeAccounting

extension InspectMarkdown {
    func categories(_ ledger: SizeLedger) -> String {
        var table = TextTable(headers: ["category", "size", "share", "files"], alignments: [.left, .right, .right, .right])
        for row in LedgerPresentation.categoryRows(ledger) {
            table.add([
                row.isRule ? "↳ " + row.label : "`\(row.label)`", bytes.string(row.bytes),
                LedgerPresentation.share(row.bytes, of: ledger.contentBytes), groupedInteger(Int64(row.files)),
            ])
        }
        table.add(["**total**", bytes.string(ledger.contentBytes), "100%", ""])
        return "\n### Where the bytes go\n\n" + table.markdown()
    }

    func packages(_ ledger: SizeLedger, top: Int) -> String {
        var out = ""
        if !ledger.packages.isEmpty && top > 0 {
            out += "\n### Largest packages (\(groupedInteger(Int64(ledger.packages.count))) in all)\n\n"
            var table = TextTable(headers: ["size", "files", "scope", "type", "package"], alignments: [.right, .right, .left, .left, .left])
            for package in ledger.packages.prefix(top) {
                table.add([
                    bytes.string(package.sizeBytes), groupedInteger(Int64(package.fileCount)),
                    LedgerPresentation.scope(package), package.ecosystem.rawValue, "`\(package.displayName)`",
                ])
            }
            out += table.markdown()
        }
        if !ledger.nodeInstalls.isEmpty {
            out += "\n### Node installs\n\n" + ledger.nodeInstalls.map { "- " + LedgerPresentation.describe($0) + "\n" }.joined()
        }
        return out
    }

    func duplicateFiles(_ ledger: SizeLedger) -> String {
        guard !ledger.duplicateFiles.isEmpty else { return "" }
        var table = TextTable(
            headers: ["extra", "size", "copies", "digest", "paths (kept first)", "extra copies in"],
            alignments: [.right, .right, .right, .left, .left, .left])
        for group in ledger.duplicateFiles {
            table.add([
                bytes.string(group.extraBytes), bytes.string(group.sizeBytes), String(group.paths.count),
                "`\(ImageDigest.display(group.digest))`", group.paths.map { "`\($0)`" }.joined(separator: "<br>"),
                LedgerPresentation.extraCategories(group),
            ])
        }
        return "\n### Duplicate files (\(LedgerPresentation.duplicateFilesSummary(ledger, bytes: bytes)))\n\n" + table.markdown()
    }

    func findings(_ ledger: SizeLedger) -> String {
        guard !ledger.findings.isEmpty else { return "" }
        var out = "\n### Findings\n\n"
        for finding in ledger.findings {
            let stake = finding.bytes > 0 ? " (\(bytes.string(finding.bytes)))" : ""
            out += "- **\(finding.severity.rawValue)** `\(finding.id)`\(stake): \(finding.message)  \n"
            out += "  Next step: \(finding.suggestion)\n"
        }
        return out
    }
}
