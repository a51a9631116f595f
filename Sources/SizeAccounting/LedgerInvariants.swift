import ImageModel

/// What must hold for every ledger, bloaty-style: every byte labelled once, totals equal the
/// input. Tests run it on every fixture and every real tarball; it returns the violations
/// (empty when the ledger is sound) rather than trapping, so a test can print them all.
public enum LedgerInvariants {
    /// Every way `ledger` fails to account for `image`: empty when every byte is labelled once.
    public static func violations(_ ledger: SizeLedger, of image: LoadedImage) -> [String] {
        var problems: [String] = []
        let names = ledger.categories.map(\.category)
        if names != SizeCategory.allCases {
            problems.append("categories are \(names.map(\.rawValue)), expected every category once in precedence order")
        }
        let sum = ledger.categories.reduce(Int64(0)) { $0 + $1.bytes }
        if sum != image.contentBytes {
            problems.append("categories sum to \(sum) bytes, the image's content is \(image.contentBytes)")
        }
        if ledger.contentBytes != image.contentBytes {
            problems.append("ledger content \(ledger.contentBytes) != image content \(image.contentBytes)")
        }
        if ledger.bytes(.wasted) != image.wastedBytes {
            problems.append("wasted is \(ledger.bytes(.wasted)), the image wasted \(image.wastedBytes)")
        }
        let finalSum = ledger.categories.filter { $0.category != .wasted }.reduce(Int64(0)) { $0 + $1.bytes }
        if finalSum != image.finalBytes {
            problems.append("categories other than wasted sum to \(finalSum), the final filesystem holds \(image.finalBytes)")
        }
        let fileSum = ledger.categories.filter { $0.category != .wasted }.reduce(0) { $0 + $1.fileCount }
        if fileSum != image.fileCount {
            problems.append("categories other than wasted count \(fileSum) files, the final filesystem has \(image.fileCount)")
        }
        for total in ledger.categories where total.bytes < 0 || total.fileCount < 0 {
            problems.append("\(total.category.rawValue) is negative: \(total.bytes) bytes, \(total.fileCount) files")
        }
        for category in SizeCategory.allCases where category != .wasted {
            let byRule = ledger.rules.filter { $0.category == category }.reduce(Int64(0)) { $0 + $1.bytes }
            if byRule > ledger.bytes(category) {
                problems.append("\(category.rawValue) rules claim \(byRule) bytes, more than the category's \(ledger.bytes(category))")
            }
        }
        // Packages are a view: each ecosystem's packages cannot hold more than the final filesystem.
        for ecosystem in InstalledPackage.Ecosystem.allCases {
            let bytes = ledger.packages.filter { $0.ecosystem == ecosystem }.reduce(Int64(0)) { $0 + $1.sizeBytes }
            if bytes > image.finalBytes {
                problems.append("\(ecosystem.rawValue) packages hold \(bytes) bytes, more than the final \(image.finalBytes)")
            }
        }
        for package in ledger.packages where package.sizeBytes < 0 || package.paths.isEmpty {
            problems.append("package \(package.displayName) has \(package.sizeBytes) bytes and \(package.paths.count) paths")
        }
        // Duplicate files are a view too: their extra copies are final files, split by category.
        var extraSum: Int64 = 0
        for group in ledger.duplicateFiles {
            extraSum += group.extraBytes
            let split = group.extraCategories.reduce(Int64(0)) { $0 + $1.bytes }
            if group.paths.count < 2 || Set(group.paths).count != group.paths.count || split != group.extraBytes {
                problems.append("duplicate group \(group.digest): \(group.paths.count) paths, categories \(split) of \(group.extraBytes) bytes")
            }
        }
        if extraSum > image.finalBytes {
            problems.append("duplicate files' extra copies hold \(extraSum) bytes, more than the final \(image.finalBytes)")
        }
        for finding in ledger.findings where finding.bytes < 0 || finding.bytes > image.contentBytes {
            problems.append("finding \(finding.id) claims \(finding.bytes) bytes of \(image.contentBytes)")
        }
        problems += planViolations(ledger.plan, of: image)
        return problems
    }

    /// The plan removes each byte at most once: its steps and what remains sum to the content,
    /// every step removes something, and each projection is the one before less the step.
    static func planViolations(_ plan: SavingsPlan, of image: LoadedImage) -> [String] {
        var problems: [String] = []
        let removed = plan.steps.reduce(Int64(0)) { $0 + $1.removedBytes }
        let remaining = plan.remaining.reduce(Int64(0)) { $0 + $1.bytes }
        if removed + remaining != image.contentBytes {
            problems.append("the plan removes \(removed) and keeps \(remaining) bytes, the image's content is \(image.contentBytes)")
        }
        var before = plan.contentBytes
        for step in plan.steps {
            if step.removedBytes <= 0 || step.removedWastedBytes > step.removedBytes || step.projectedBytes != before - step.removedBytes {
                problems.append("plan step \(step.id) removes \(step.removedBytes) bytes and projects \(step.projectedBytes) after \(before)")
            }
            before = step.projectedBytes
        }
        return problems
    }
}
