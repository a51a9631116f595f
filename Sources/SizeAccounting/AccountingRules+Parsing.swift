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

/// Walks a parsed rules document, checking every key and type on the way.
private struct RulesReader {
    let source: String

    func fail(_ message: String) -> RulesError { RulesError(source: source, message: message) }

    /// The object's members, after checking that every key is one of `allowed`.
    func members(_ value: JSONValue, at place: String, allowed: [String]) throws(RulesError) -> [JSONMember] {
        guard let members = value.objectValue else {
            throw fail("\(place) must be an object, not \(value.kindDescription)")
        }
        for member in members where !allowed.contains(member.key) {
            throw fail("\(place): unknown key '\(member.key)' (expected one of: \(allowed.joined(separator: ", ")))")
        }
        return members
    }

    func string(_ value: JSONValue, at place: String) throws(RulesError) -> String {
        guard let text = value.stringValue else { throw fail("\(place) must be a string, not \(value.kindDescription)") }
        return text
    }

    func strings(_ value: JSONValue, at place: String) throws(RulesError) -> [String] {
        guard let items = value.arrayValue else { throw fail("\(place) must be a list of strings, not \(value.kindDescription)") }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            let text = try string(item, at: "\(place)[\(index)]")
            if text.isEmpty { throw fail("\(place)[\(index)] is empty") }
            result.append(text)
        }
        return result
    }

    mutating func document(_ value: JSONValue) throws(RulesError) -> AccountingRules {
        let top = try members(value, at: "the document", allowed: ["version", "comment", "rules", "packageDatabases"])
        let supported = "this build reads version \(AccountingRules.formatVersion)"
        guard let version = value["version"] else { throw fail("missing key 'version' (\(supported))") }
        guard version.intValue == AccountingRules.formatVersion else {
            throw fail("unsupported version \(JSONWriter.compact(version)) (\(supported))")
        }
        var rules = AccountingRules()
        for member in top {
            switch member.key {
            case "comment": _ = try string(member.value, at: "'comment'")
            case "rules":
                guard let items = member.value.arrayValue else {
                    throw fail("'rules' must be a list, not \(member.value.kindDescription)")
                }
                for (index, item) in items.enumerated() {
                    rules.rules.append(try rule(item, at: "rules[\(index)]"))
                }
            case "packageDatabases": rules.databases = try databases(member.value)
            default: break
            }
        }
        return rules
    }

    func rule(_ value: JSONValue, at place: String) throws(RulesError) -> AccountingRules.Rule {
        let fields = try members(value, at: place, allowed: ["category", "name", "comment", "paths", "packages", "suggestion"])
        guard let categoryValue = value["category"] else { throw fail("\(place): missing key 'category'") }
        let categoryName = try string(categoryValue, at: "\(place).category")
        guard let category = SizeCategory(rawValue: categoryName), SizeCategory.ruleCategories.contains(category) else {
            let names = SizeCategory.ruleCategories.map(\.rawValue).joined(separator: ", ")
            throw fail("\(place).category: '\(categoryName)' is not a category rules may claim (\(names))")
        }
        guard let nameValue = value["name"] else { throw fail("\(place): missing key 'name'") }
        var rule = AccountingRules.Rule(category: category, name: try string(nameValue, at: "\(place).name"))
        if rule.name.isEmpty { throw fail("\(place).name is empty") }
        for field in fields {
            switch field.key {
            case "paths":
                rule.paths = try strings(field.value, at: "\(place).paths")
                for (index, pattern) in rule.paths.enumerated() {
                    do {
                        _ = try PathPattern(parsing: pattern)
                    } catch {
                        throw fail("\(place).paths[\(index)]: '\(pattern)': \(error.reason)")
                    }
                }
            case "packages":
                guard category == .mlLibraries else {
                    throw fail("\(place).packages: package rules apply to ml-libraries only")
                }
                let ecosystems = InstalledPackage.Ecosystem.allCases.map(\.rawValue)
                for entry in try members(field.value, at: "\(place).packages", allowed: ecosystems) {
                    guard let ecosystem = InstalledPackage.Ecosystem(rawValue: entry.key) else { continue }
                    let globs = try strings(entry.value, at: "\(place).packages.\(entry.key)")
                    for glob in globs where glob.contains("**") {
                        throw fail("\(place).packages.\(entry.key): '\(glob)': '**' has no meaning in a package name")
                    }
                    rule.packages[ecosystem] = globs
                }
            case "suggestion": rule.suggestion = try string(field.value, at: "\(place).suggestion")
            case "comment": _ = try string(field.value, at: "\(place).comment")
            default: break
            }
        }
        if rule.paths.isEmpty && rule.packages.values.allSatisfy(\.isEmpty) {
            throw fail("\(place) ('\(rule.name)') has neither 'paths' nor 'packages'")
        }
        return rule
    }

    func databases(_ value: JSONValue) throws(RulesError) -> AccountingRules.PackageDatabases {
        let place = "packageDatabases"
        let fields = try members(
            value, at: place,
            allowed: ["comment", "dpkgStatus", "dpkgStatusDirectories", "dpkgInfoDirectories", "apkInstalled"])
        var databases = AccountingRules.PackageDatabases()
        for field in fields {
            let at = "\(place).\(field.key)"
            switch field.key {
            case "comment": _ = try string(field.value, at: at)
            case "dpkgStatus": databases.dpkgStatus = try absoluteFiles(field.value, at: at)
            case "apkInstalled": databases.apkInstalled = try absoluteFiles(field.value, at: at)
            case "dpkgStatusDirectories": databases.dpkgStatusDirectories = try absoluteDirectories(field.value, at: at)
            case "dpkgInfoDirectories": databases.dpkgInfoDirectories = try absoluteDirectories(field.value, at: at)
            default: break
            }
        }
        return databases
    }

    func absoluteFiles(_ value: JSONValue, at place: String) throws(RulesError) -> [String] {
        let paths = try strings(value, at: place)
        for (index, path) in paths.enumerated() where !path.hasPrefix("/") || path.hasSuffix("/") || path.contains("*") {
            throw fail("\(place)[\(index)]: '\(path)' must be an absolute file path without wildcards")
        }
        return paths
    }

    /// Directories are kept with one trailing slash.
    func absoluteDirectories(_ value: JSONValue, at place: String) throws(RulesError) -> [String] {
        let paths = try strings(value, at: place)
        for (index, path) in paths.enumerated() where !path.hasPrefix("/") || path.contains("*") || path == "/" {
            throw fail("\(place)[\(index)]: '\(path)' must be an absolute directory path without wildcards")
        }
        return paths.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }
}
