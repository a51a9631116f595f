import SizeAccounting
import StableJSON

extension InspectJSON {
    /// The accountant's keys (README, "JSON report"): `categories` in precedence order summing to
    /// `contentBytes`, `categoryRules`, every package, duplicates, node installs and findings.
    /// Absent when the image was not accounted.
    static func ledgerMembers(_ report: ImageReport) -> [JSONMember] {
        guard let ledger = report.ledger else { return [] }
        return [
            JSONMember("categories", .array(ledger.categories.map(category))),
            JSONMember("categoryRules", .array(ledger.rules.map(rule))),
            JSONMember("packages", .array(ledger.packages.map(package))),
            JSONMember("duplicatePackages", .array(ledger.duplicates.map(duplicate))),
            JSONMember("duplicateFiles", .array(ledger.duplicateFiles.map(duplicateFile))),
            JSONMember("nodeInstalls", .array(ledger.nodeInstalls.map(nodeInstall))),
            JSONMember("findings", .array(ledger.findings.map(finding))),
        ]
    }

    static func category(_ total: SizeLedger.CategoryTotal) -> JSONValue {
        ["name": .string(total.category.rawValue), "bytes": .int(total.bytes), "fileCount": .int(total.fileCount)]
    }

    static func rule(_ total: SizeLedger.RuleTotal) -> JSONValue {
        [
            "category": .string(total.category.rawValue), "name": .string(total.name), "bytes": .int(total.bytes),
            "fileCount": .int(total.fileCount), "paths": .strings(total.paths),
        ]
    }

    static func package(_ package: InstalledPackage) -> JSONValue {
        [
            "ecosystem": .string(package.ecosystem.rawValue), "name": .string(package.name),
            "version": .string(package.version), "sizeBytes": .int(package.sizeBytes),
            "fileCount": .int(package.fileCount), "scope": .string(package.scope?.rawValue),
            "paths": .strings(package.paths),
        ]
    }

    static func duplicate(_ duplicate: DuplicatePackage) -> JSONValue {
        [
            "name": .string(duplicate.name), "versions": .strings(duplicate.versions), "copies": .int(duplicate.copies),
            "totalBytes": .int(duplicate.totalBytes), "extraBytes": .int(duplicate.extraBytes),
        ]
    }

    /// `paths` lists the copy to keep first; `extraBytes` is `sizeBytes` × (`copies` - 1).
    static func duplicateFile(_ group: DuplicateFileGroup) -> JSONValue {
        [
            "digest": .string(group.digest), "sizeBytes": .int(group.sizeBytes), "copies": .int(Int64(group.paths.count)),
            "extraBytes": .int(group.extraBytes), "paths": .strings(group.paths),
            "extraCategories": .array(group.extraCategories.map(category)),
        ]
    }

    static func nodeInstall(_ install: NodeInstall) -> JSONValue {
        [
            "path": .string(install.path), "manager": .string(install.manager.rawValue), "global": .bool(install.isGlobal),
            "record": .string(install.record),
            "devDependenciesInstalled": install.devDependenciesInstalled.map(JSONValue.bool) ?? .null,
            "packageManager": .string(install.packageManagerVersion), "storeDir": .string(install.storeDirectory),
            "prodPackages": .int(install.prodPackages), "devPackages": .int(install.devPackages),
            "extraneousPackages": .int(install.extraneousPackages), "devBytes": .int(install.devBytes),
            "lockfile": .string(install.lockfile),
            "lockfileDevPackages": .int(install.lockfileDevPackages.map(Int64.init)),
            "lockfileDisagreements": .int(install.disagreementCount),
            "lockfileDisagreementExamples": .strings(install.disagreements),
        ]
    }

    static func finding(_ finding: Finding) -> JSONValue {
        [
            "id": .string(finding.id), "severity": .string(finding.severity.rawValue), "bytes": .int(finding.bytes),
            "message": .string(finding.message), "suggestion": .string(finding.suggestion),
        ]
    }
}
