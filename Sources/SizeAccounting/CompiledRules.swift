/// Accounting rules made ready for one image: patterns expanded for its WORKDIR and compiled into
/// tables, and every rule given a number in precedence order (category first, then file order), so
/// that "the smallest matching number" is always the rule that wins.
struct CompiledRules: Sendable {
    /// What a rule number stands for.
    struct Claim: Sendable {
        var category: SizeCategory
        var name: String
        var suggestion: String?
    }

    let claims: [Claim]
    let paths: PathRuleMatcher
    /// Package-name globs per ecosystem, numbered like `claims`.
    let packageNames: [InstalledPackage.Ecosystem: NameMatcher]

    /// - Parameter workdir: the image's WORKDIR; `{workdir}` patterns are dropped when it is empty
    ///   or "/".
    init(_ rules: AccountingRules, workdir: String) {
        let components = workdir.split(separator: "/").map(String.init)
        let workdirComponents: [String]? = components.isEmpty ? nil : components
        let ordered = rules.rules.enumerated().sorted {
            ($0.element.category.order, $0.offset) < ($1.element.category.order, $1.offset)
        }.map(\.element)
        var claims: [Claim] = []
        var paths = PathRuleMatcher()
        var packageNames: [InstalledPackage.Ecosystem: NameMatcher] = [:]
        for (number, rule) in ordered.enumerated() {
            claims.append(Claim(category: rule.category, name: rule.name, suggestion: rule.suggestion))
            for text in rule.paths {
                // Patterns were validated when the rules were parsed; one that fails now is skipped.
                guard let pattern = try? PathPattern(parsing: text) else { continue }
                for expanded in pattern.expanded(workdir: workdirComponents) { paths.add(expanded, rule: number) }
            }
            for (ecosystem, globs) in rule.packages {
                for glob in globs { packageNames[ecosystem, default: NameMatcher()].add(NameGlob(glob), rule: number) }
            }
        }
        self.claims = claims
        self.paths = paths
        self.packageNames = packageNames
    }

    /// The rule number claiming a package of `ecosystem` named `name`, if any.
    func packageRule(_ ecosystem: InstalledPackage.Ecosystem, _ name: String) -> Int? {
        packageNames[ecosystem]?.match(name)
    }
}
