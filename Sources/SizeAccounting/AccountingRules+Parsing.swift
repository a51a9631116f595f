import StableJSON

extension AccountingRules {
    /// The rules file format version this build reads.
    public static let formatVersion: Int64 = 1

    /// Parses a rules file strictly: unknown keys, wrong types, unknown categories and malformed
    /// patterns are errors that name `source`, the place in the file and the offending value.
    public static func parse(_ bytes: [UInt8], source: String) throws(RulesError) -> AccountingRules {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw RulesError(source: source, message: "not valid JSON: \(error.description)")
        }
        var reader = RulesReader(source: source)
        return try reader.document(document)
    }
}

/// Walks a parsed rules document with StableJSON's strict reader, checking every key and type on
/// the way; the checks only rules files make (categories, patterns, paths) are here.
private struct RulesReader {
    typealias Reader = StrictObjectReader<RulesError>

    let source: String

    func fail(_ message: String) -> RulesError { RulesError(source: source, message: message) }

    /// Strings at `key`, none of them empty.
    func strings(_ reader: Reader, _ key: String) throws(RulesError) -> [String]? {
        guard let items = try reader.strings(key, expected: "a list of strings") else { return nil }
        for (index, text) in items.enumerated() where text.isEmpty { throw fail("\(reader.child(key))[\(index)] is empty") }
        return items
    }

    mutating func document(_ value: JSONValue) throws(RulesError) -> AccountingRules {
        // Null is a wrong type here like any other: a rules file has no inherited values to clear.
        let top = try Reader(
            value, file: source, path: "", known: ["version", "comment", "rules", "packageDatabases", "duplicateFiles"],
            nullIsAbsent: false)
        let supported = "this build reads version \(AccountingRules.formatVersion)"
        guard let version = top.value("version") else { throw fail("missing key 'version' (\(supported))") }
        guard version.intValue == AccountingRules.formatVersion else {
            throw fail("unsupported version \(JSONWriter.compact(version)) (\(supported))")
        }
        var rules = AccountingRules()
        _ = try top.string("comment")
        for rule in try top.objects("rules", known: ["category", "name", "comment", "paths", "packages", "suggestion"]) {
            rules.rules.append(try self.rule(rule))
        }
        if let databases = top.value("packageDatabases") {
            // Named without quotes in messages ("packageDatabases.dpkgStatus[0]: ..."), as a place.
            rules.databases = try self.databases(try Reader(
                databases, file: source, path: "packageDatabases",
                known: ["comment", "dpkgStatus", "dpkgStatusDirectories", "dpkgInfoDirectories", "apkInstalled"],
                nullIsAbsent: false))
        }
        if let duplicates = try top.object("duplicateFiles", known: ["comment", "minBytes"]) {
            _ = try duplicates.string("comment")
            guard let minBytes = try duplicates.int("minBytes") else { throw fail("duplicateFiles.minBytes is missing") }
            guard minBytes >= 1 else { throw fail("duplicateFiles.minBytes: \(minBytes) is not a positive number of bytes") }
            rules.duplicateFileMinBytes = minBytes
        }
        return rules
    }

    func rule(_ reader: Reader) throws(RulesError) -> AccountingRules.Rule {
        let place = reader.path
        let categoryName = try reader.requireString("category")
        guard let category = SizeCategory(rawValue: categoryName), SizeCategory.ruleCategories.contains(category) else {
            let names = SizeCategory.ruleCategories.map(\.rawValue).joined(separator: ", ")
            throw fail("\(place).category: '\(categoryName)' is not a category rules may claim (\(names))")
        }
        var rule = AccountingRules.Rule(category: category, name: try reader.requireString("name"))
        if rule.name.isEmpty { throw fail("\(place).name is empty") }
        _ = try reader.string("comment")
        rule.paths = try strings(reader, "paths") ?? []
        for (index, pattern) in rule.paths.enumerated() {
            do {
                _ = try PathPattern(parsing: pattern)
            } catch {
                throw fail("\(place).paths[\(index)]: '\(pattern)': \(error.reason)")
            }
        }
        let ecosystems = InstalledPackage.Ecosystem.allCases.map(\.rawValue)
        if let packages = try reader.object("packages", known: ecosystems) {
            guard category == .mlLibraries else {
                throw fail("\(place).packages: package rules apply to ml-libraries only")
            }
            for key in packages.keys {
                guard let ecosystem = InstalledPackage.Ecosystem(rawValue: key) else { continue }
                let globs = try strings(packages, key) ?? []
                for glob in globs where glob.contains("**") {
                    throw fail("\(place).packages.\(key): '\(glob)': '**' has no meaning in a package name")
                }
                rule.packages[ecosystem] = globs
            }
        }
        rule.suggestion = try reader.string("suggestion")
        if rule.paths.isEmpty && rule.packages.values.allSatisfy(\.isEmpty) {
            throw fail("\(place) ('\(rule.name)') has neither 'paths' nor 'packages'")
        }
        return rule
    }

    func databases(_ reader: Reader) throws(RulesError) -> AccountingRules.PackageDatabases {
        var databases = AccountingRules.PackageDatabases()
        _ = try reader.string("comment")
        databases.dpkgStatus = try absoluteFiles(reader, "dpkgStatus") ?? databases.dpkgStatus
        databases.apkInstalled = try absoluteFiles(reader, "apkInstalled") ?? databases.apkInstalled
        databases.dpkgStatusDirectories = try absoluteDirectories(reader, "dpkgStatusDirectories") ?? databases.dpkgStatusDirectories
        databases.dpkgInfoDirectories = try absoluteDirectories(reader, "dpkgInfoDirectories") ?? databases.dpkgInfoDirectories
        return databases
    }

    func absoluteFiles(_ reader: Reader, _ key: String) throws(RulesError) -> [String]? {
        guard let paths = try strings(reader, key) else { return nil }
        for (index, path) in paths.enumerated() where !path.hasPrefix("/") || path.hasSuffix("/") || path.contains("*") {
            throw fail("\(reader.child(key))[\(index)]: '\(path)' must be an absolute file path without wildcards")
        }
        return paths
    }

    /// Directories are kept with one trailing slash.
    func absoluteDirectories(_ reader: Reader, _ key: String) throws(RulesError) -> [String]? {
        guard let paths = try strings(reader, key) else { return nil }
        for (index, path) in paths.enumerated() where !path.hasPrefix("/") || path.contains("*") || path == "/" {
            throw fail("\(reader.child(key))[\(index)]: '\(path)' must be an absolute directory path without wildcards")
        }
        return paths.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }
}
