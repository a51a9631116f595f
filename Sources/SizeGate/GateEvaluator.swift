/// Everything the gate concluded about one image.
public struct Evaluation: Sendable, Equatable {
    public var measurement: ImageMeasurement
    public var rules: GateRules
    /// Every configured rule, in a fixed order: limits, compressed, growth, categories.
    public var results: [RuleResult]
    public var verdict: Verdict
    public var progress: TargetProgress?
    /// Gated bytes now minus gated bytes recorded; nil with no recorded measurement.
    public var growthBytes: Int64?

    /// Why a rule was skipped for an image read with `--manifest-only`.
    public static let manifestOnlyNote = "manifest only: layers were not downloaded, so only compressed-size rules are judged"

    /// The rules that tripped, failures first.
    public var reasons: [RuleResult] {
        results.filter { $0.status == .fail } + results.filter { $0.status == .warn }
    }
}

/// Applies `GateRules` to an `ImageMeasurement`. Pure: the same inputs give the same evaluation.
///
/// Semantics (Docs/gate.md, "Rules"):
/// - limits: the gated size (content bytes less ignored bytes) trips a limit when it is strictly
///   greater than it;
/// - growth: growth = gated size now − gated size recorded. A bytes rule trips when growth is
///   greater than its bytes. A percent rule trips when growth is greater than that percent of the
///   recorded gated size *and* growth is at least `growth.floor` (so a 40 kB image growing by 10 kB
///   does not trip a 5% rule). Shrinking never trips. No recorded measurement: growth rules are
///   skipped with a note;
/// - compressed: the compressed size against its limits; skipped with a note when unknown;
/// - categories: one category's bytes against its budget; skipped with a note when the
///   measurement has no per-category bytes.
public enum GateEvaluator {
    public static func evaluate(_ measurement: ImageMeasurement, rules: GateRules) -> Evaluation {
        var results: [RuleResult] = []
        let size = measurement.gatedBytes
        for (severity, limit) in [(Severity.warn, rules.warnBytes), (.fail, rules.failBytes)] {
            guard let limit else { continue }
            results.append(
                RuleResult(
                    kind: .size, severity: severity, status: size > limit ? status(severity) : .pass,
                    measured: .bytes(size), limit: .bytes(limit), setBy: rules.setBy["limits.\(severity.rawValue)"]))
        }
        for (severity, limit) in [(Severity.warn, rules.compressedWarnBytes), (.fail, rules.compressedFailBytes)] {
            guard let limit else { continue }
            let setBy = rules.setBy["compressed.\(severity.rawValue)"]
            if let compressed = measurement.compressedBytes {
                results.append(
                    RuleResult(
                        kind: .compressedSize, severity: severity, status: compressed > limit ? status(severity) : .pass,
                        measured: .bytes(compressed), limit: .bytes(limit), setBy: setBy,
                        note: measurement.compressedBytesSource == .estimated ? "compressed size is an estimate" : nil))
            } else {
                results.append(
                    RuleResult(
                        kind: .compressedSize, severity: severity, status: .skipped, measured: nil, limit: .bytes(limit),
                        setBy: setBy, note: "compressed size unknown: layers are stored uncompressed (see --compressed)"))
            }
        }
        let growth = rules.recorded.map { size - $0.gatedBytes }
        results += growthResults(from: rules.recorded?.gatedBytes, to: size, rules: rules)
        for budget in rules.categoryBudgets {
            for (severity, limit) in [(Severity.warn, budget.warnBytes), (.fail, budget.failBytes)] {
                guard let limit else { continue }
                let setBy = rules.setBy[RuleKind.category(budget.category).keyPath(severity)]
                if let bytes = measurement.categoryBytes(budget.category) {
                    results.append(
                        RuleResult(
                            kind: .category(budget.category), severity: severity, status: bytes > limit ? status(severity) : .pass,
                            measured: .bytes(bytes), limit: .bytes(limit), setBy: setBy))
                } else {
                    results.append(
                        RuleResult(
                            kind: .category(budget.category), severity: severity, status: .skipped, measured: nil,
                            limit: .bytes(limit), setBy: setBy, note: "no per-category bytes in this measurement"))
                }
            }
        }
        if !measurement.contentMeasured {
            for index in results.indices where results[index].kind != .compressedSize {
                results[index].status = .skipped
                results[index].measured = nil
                results[index].note = Evaluation.manifestOnlyNote
            }
        }
        let verdict: Verdict =
            results.contains { $0.status == .fail } ? .fail : results.contains { $0.status == .warn } ? .warn : .pass
        return Evaluation(
            measurement: measurement, rules: rules, results: results, verdict: verdict,
            progress: progress(size: size, rules: rules), growthBytes: growth)
    }

    private static func status(_ severity: Severity) -> RuleStatus { severity == .warn ? .warn : .fail }

    /// The growth rules of `rules` judged for a gated size going from `base` (nil: nothing
    /// recorded, every growth rule is skipped) to `size`. The trend judges each build against the
    /// one before it through here, so both apply the same semantics.
    public static func growthResults(from base: Int64?, to size: Int64, rules: GateRules) -> [RuleResult] {
        let growth = base.map { size - $0 }
        var results: [RuleResult] = []
        let levels: [(Severity, Int64?, Double?)] = [
            (.warn, rules.growthWarnBytes, rules.growthWarnPercent), (.fail, rules.growthFailBytes, rules.growthFailPercent),
        ]
        let floor = rules.growthFloorBytes ?? 0
        for (severity, bytesLimit, percentLimit) in levels {
            if let bytesLimit {
                let setBy = rules.setBy["growth.\(severity.rawValue).bytes"]
                if let growth {
                    results.append(
                        RuleResult(
                            kind: .growthBytes, severity: severity, status: growth > bytesLimit ? status(severity) : .pass,
                            measured: .bytes(growth), limit: .bytes(bytesLimit), setBy: setBy))
                } else {
                    results.append(skippedGrowth(.growthBytes, severity, .bytes(bytesLimit), setBy))
                }
            }
            if let percentLimit {
                let setBy = rules.setBy["growth.\(severity.rawValue).percent"]
                guard let growth, let base else {
                    results.append(skippedGrowth(.growthPercent, severity, .percent(percentLimit), setBy))
                    continue
                }
                guard base > 0 else {
                    results.append(
                        RuleResult(
                            kind: .growthPercent, severity: severity, status: .skipped, measured: nil,
                            limit: .percent(percentLimit), setBy: setBy, note: "the recorded size is 0 bytes"))
                    continue
                }
                let percent = Double(growth) * 100 / Double(base)
                var note: String?
                var tripped = percent > percentLimit
                if tripped && growth < floor {
                    tripped = false
                    note = "growth is below the floor (growth.floor)"
                }
                results.append(
                    RuleResult(
                        kind: .growthPercent, severity: severity, status: tripped ? status(severity) : .pass,
                        measured: .percent(percent), limit: .percent(percentLimit), setBy: setBy, note: note))
            }
        }
        return results
    }

    private static func skippedGrowth(_ kind: RuleKind, _ severity: Severity, _ limit: Quantity, _ setBy: String?) -> RuleResult {
        RuleResult(
            kind: kind, severity: severity, status: .skipped, measured: nil, limit: limit, setBy: setBy,
            note: "no recorded measurement to grow from (run `plimsoll baseline record`)")
    }

    private static func progress(size: Int64, rules: GateRules) -> TargetProgress? {
        TargetProgress(
            targetBytes: rules.targetBytes, targetStartBytes: rules.targetStartBytes, recordedBytes: rules.recorded?.gatedBytes,
            measuredBytes: size)
    }
}
