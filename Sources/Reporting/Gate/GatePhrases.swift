import SizeGate

/// The words reports use for rules, values and progress, shared by every format so that the
/// terminal, Markdown, JUnit and annotations say the same thing.
public struct GatePhrases: Sendable {
    public var bytes: ByteFormatter

    public init(bytes: ByteFormatter = ByteFormatter()) {
        self.bytes = bytes
    }

    /// "1.2 GB", "5%", or "unknown".
    public func quantity(_ value: Quantity?) -> String {
        switch value {
        case .none: return "unknown"
        case .bytes(let count): return bytes.string(count)
        case .percent(let percent): return ByteFormatter.fixed(percent, decimals: 1) + "%"
        }
    }

    /// A growth figure with its sign ("+12 MB", "+3.5%").
    public func signedQuantity(_ value: Quantity?) -> String {
        switch value {
        case .bytes(let count): return bytes.delta(count)
        case .percent(let percent): return (percent > 0 ? "+" : "") + ByteFormatter.fixed(percent, decimals: 1) + "%"
        case .none: return "unknown"
        }
    }

    /// What the rule judges, in words.
    public func subject(_ kind: RuleKind) -> String {
        switch kind {
        case .size: return "size"
        case .compressedSize: return "compressed size"
        case .growthBytes: return "growth since the recorded measurement"
        case .growthPercent: return "growth since the recorded measurement"
        case .category(let category): return "category \(category.rawValue)"
        }
    }

    /// The measured value as the rule sees it: growth rules print signed values.
    public func measured(_ result: RuleResult) -> String {
        switch result.kind {
        case .growthBytes, .growthPercent: return signedQuantity(result.measured)
        default: return quantity(result.measured)
        }
    }

    /// "8.4 GB is over the fail limit 8 GB (limits.fail, finance.json)".
    public func reason(_ result: RuleResult) -> String {
        let level = result.severity == .fail ? "fail" : "warn"
        let place = [result.rule, result.setBy].compactMap { $0 }.joined(separator: ", ")
        switch result.status {
        case .skipped:
            return "\(result.rule) skipped: \(result.note ?? "not applicable")"
        case .pass:
            let extra = result.note.map { "; \($0)" } ?? ""
            return "\(subject(result.kind)) \(measured(result)) is within the \(level) limit \(quantity(result.limit)) (\(place))\(extra)"
        case .warn, .fail:
            return "\(subject(result.kind)) \(measured(result)) is over the \(level) limit \(quantity(result.limit)) (\(place))"
        }
    }

    /// "target 1.2 GB: 6.0 GB to go, 2% of the way (from 7.31 GB)", or "...: reached". The one
    /// phrasing of `TargetProgress`: check, trend and every renderer print it through here.
    public func progress(_ progress: TargetProgress) -> String {
        let target = "target \(bytes.string(progress.targetBytes))"
        if progress.reached { return "\(target): reached" }
        let toGo = "\(target): \(bytes.string(progress.remainingBytes)) to go"
        guard let percent = progress.percentOfTheWay else { return "\(toGo) (started at or below the target)" }
        switch progress.startSource {
        case .current: return "\(toGo), 0% of the way (no start recorded yet)"
        case .targetStart, .recorded:
            if progress.grownPastStartBytes > 0 {
                return "\(toGo); grew \(bytes.string(progress.grownPastStartBytes)) since the start (\(bytes.string(progress.startBytes)))"
            }
            return "\(toGo), \(percent)% of the way (from \(bytes.string(progress.startBytes)))"
        }
    }

    /// PASS, WARN, FAIL.
    public func verdictWord(_ verdict: Verdict) -> String { verdict.rawValue.uppercased() }
}
