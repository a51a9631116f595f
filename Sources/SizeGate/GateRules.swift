import SizeAccounting
/// The rules in force for one image: built-in defaults, overlaid by `defaults.json`, overlaid by
/// the image's own file. A key a file leaves out comes from the file below; `null` clears it.
/// Objects merge key by key; lists (`ignorePaths`) replace.
public struct GateRules: Sendable, Equatable {
    public var warnBytes: Int64?
    public var failBytes: Int64?
    public var targetBytes: Int64?
    public var targetStartBytes: Int64?
    public var compressedWarnBytes: Int64?
    public var compressedFailBytes: Int64?
    public var growthFloorBytes: Int64?
    public var growthWarnBytes: Int64?
    public var growthWarnPercent: Double?
    public var growthFailBytes: Int64?
    public var growthFailPercent: Double?
    /// Sorted by name.
    public var categoryBudgets: [CategoryRule]
    public var ignorePaths: [PathPattern]
    /// The image file's recorded measurement, if any.
    public var recorded: ImageMeasurement?
    /// Which file set each rule, by key path ("limits.warn" → "defaults.json"). Looked up, never
    /// iterated into output.
    public var setBy: [String: String]
    /// `requireBaseline` in defaults.json: an image without its own NAME.json is an error.
    public var requireBaseline = false

    /// A ceiling on one category.
    public struct CategoryRule: Sendable, Equatable {
        public var category: SizeCategory
        public var warnBytes: Int64?
        public var failBytes: Int64?

        public init(category: SizeCategory, warnBytes: Int64? = nil, failBytes: Int64? = nil) {
            self.category = category
            self.warnBytes = warnBytes
            self.failBytes = failBytes
        }
    }

    /// The defaults that apply with no baseline files at all: warn over 500 MB.
    public static let builtInWarnBytes: Int64 = 500_000_000

    /// The label provenance uses for the built-in defaults.
    public static let builtInLabel = "built-in defaults"

    public static var builtIn: GateRules {
        GateRules(
            warnBytes: builtInWarnBytes, categoryBudgets: [], ignorePaths: [], recorded: nil,
            setBy: ["limits.warn": builtInLabel])
    }

    public init(
        warnBytes: Int64? = nil, failBytes: Int64? = nil, targetBytes: Int64? = nil, targetStartBytes: Int64? = nil,
        compressedWarnBytes: Int64? = nil, compressedFailBytes: Int64? = nil, growthFloorBytes: Int64? = nil,
        growthWarnBytes: Int64? = nil, growthWarnPercent: Double? = nil, growthFailBytes: Int64? = nil,
        growthFailPercent: Double? = nil, categoryBudgets: [CategoryRule] = [], ignorePaths: [PathPattern] = [],
        recorded: ImageMeasurement? = nil, setBy: [String: String] = [:]
    ) {
        self.warnBytes = warnBytes
        self.failBytes = failBytes
        self.targetBytes = targetBytes
        self.targetStartBytes = targetStartBytes
        self.compressedWarnBytes = compressedWarnBytes
        self.compressedFailBytes = compressedFailBytes
        self.growthFloorBytes = growthFloorBytes
        self.growthWarnBytes = growthWarnBytes
        self.growthWarnPercent = growthWarnPercent
        self.growthFailBytes = growthFailBytes
        self.growthFailPercent = growthFailPercent
        self.categoryBudgets = categoryBudgets
        self.ignorePaths = ignorePaths
        self.recorded = recorded
        self.setBy = setBy
    }

    /// `document` (from the file called `label`) laid over these rules.
    public func overlaid(with document: BaselineDocument, label: String) -> GateRules {
        var rules = self
        var setBy = self.setBy
        func resolve(_ setting: Setting<SizeSetting>, _ key: String, _ current: Int64?) -> Int64? {
            guard !setting.isInherit else { return current }
            setBy[key] = label
            return setting.over(nil)?.bytes
        }
        func resolve(_ setting: Setting<PercentSetting>, _ key: String, _ current: Double?) -> Double? {
            guard !setting.isInherit else { return current }
            setBy[key] = label
            return setting.over(nil)?.percent
        }
        rules.warnBytes = resolve(document.limits.warn, "limits.warn", rules.warnBytes)
        rules.failBytes = resolve(document.limits.fail, "limits.fail", rules.failBytes)
        rules.targetBytes = resolve(document.limits.target, "limits.target", rules.targetBytes)
        rules.targetStartBytes = resolve(document.limits.targetStart, "limits.targetStart", rules.targetStartBytes)
        rules.compressedWarnBytes = resolve(document.compressed.warn, "compressed.warn", rules.compressedWarnBytes)
        rules.compressedFailBytes = resolve(document.compressed.fail, "compressed.fail", rules.compressedFailBytes)
        rules.growthFloorBytes = resolve(document.growth.floor, "growth.floor", rules.growthFloorBytes)
        rules.growthWarnBytes = resolve(document.growth.warn.bytes, "growth.warn.bytes", rules.growthWarnBytes)
        rules.growthFailBytes = resolve(document.growth.fail.bytes, "growth.fail.bytes", rules.growthFailBytes)
        rules.growthWarnPercent = resolve(document.growth.warn.percent, "growth.warn.percent", rules.growthWarnPercent)
        rules.growthFailPercent = resolve(document.growth.fail.percent, "growth.fail.percent", rules.growthFailPercent)
        for budget in document.categories {
            let kind = RuleKind.category(budget.category)
            var rule = rules.categoryBudgets.first { $0.category == budget.category } ?? CategoryRule(category: budget.category)
            rule.warnBytes = resolve(budget.warn, kind.keyPath(.warn), rule.warnBytes)
            rule.failBytes = resolve(budget.fail, kind.keyPath(.fail), rule.failBytes)
            rules.categoryBudgets.removeAll { $0.category == budget.category }
            if rule.warnBytes != nil || rule.failBytes != nil { rules.categoryBudgets.append(rule) }
        }
        rules.categoryBudgets.sort { $0.category.rawValue < $1.category.rawValue }
        if !document.ignorePaths.isInherit {
            rules.ignorePaths = document.ignorePaths.over(nil) ?? []
            setBy["ignorePaths"] = label
        }
        if let required = document.requireBaseline {
            rules.requireBaseline = required
            setBy["requireBaseline"] = label
        }
        rules.setBy = setBy
        if let recorded = document.recorded { rules.recorded = recorded }
        return rules
    }
}
