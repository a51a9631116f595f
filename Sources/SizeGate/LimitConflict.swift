/// A warn limit above the fail limit it pairs with: the warning could never be seen before the
/// failure, which is always a typo or a half-finished edit. Baselines with one are refused.
public struct LimitConflict: Sendable, Equatable {
    public var warnKey: String
    public var failKey: String
    /// The values as a person reads them: "500000000 bytes", "15%".
    public var warnText: String
    public var failText: String

    /// Every conflict in `rules`, in the rules' fixed order (limits, compressed, growth, categories).
    public static func find(in rules: GateRules) -> [LimitConflict] {
        var pairs: [(String, String, Int64?, Int64?)] = [
            ("limits.warn", "limits.fail", rules.warnBytes, rules.failBytes),
            ("compressed.warn", "compressed.fail", rules.compressedWarnBytes, rules.compressedFailBytes),
            ("growth.warn.bytes", "growth.fail.bytes", rules.growthWarnBytes, rules.growthFailBytes),
        ]
        for budget in rules.categoryBudgets {
            let kind = RuleKind.category(budget.category)
            pairs.append((kind.keyPath(.warn), kind.keyPath(.fail), budget.warnBytes, budget.failBytes))
        }
        var conflicts: [LimitConflict] = []
        for (warnKey, failKey, warn, fail) in pairs {
            guard let warn, let fail, warn > fail else { continue }
            conflicts.append(LimitConflict(warnKey: warnKey, failKey: failKey, warnText: "\(warn) bytes", failText: "\(fail) bytes"))
        }
        if let warn = rules.growthWarnPercent, let fail = rules.growthFailPercent, warn > fail {
            conflicts.append(
                LimitConflict(
                    warnKey: "growth.warn.percent", failKey: "growth.fail.percent", warnText: "\(percentText(warn))%",
                    failText: "\(percentText(fail))%"))
        }
        return conflicts
    }

    static func percentText(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }
}
