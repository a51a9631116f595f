import SizeAccounting

/// An image's savings plan judged against its baseline's target: the gated size the plan would
/// bring it to, and `TargetProgress` as it would read then (same target, same start). The gate
/// judges the gated size (content less `ignorePaths`); the plan's fixes are taken to leave ignored
/// files alone, so the projected gated size is the gated size less what the plan removes.
public struct PlanOutlook: Sendable, Equatable {
    public var plan: SavingsPlan
    /// The gated size now.
    public var gatedBytes: Int64
    /// The gated size after the whole plan.
    public var projectedGatedBytes: Int64
    /// Progress towards the target after the plan; nil when the baseline sets no target.
    public var progress: TargetProgress?

    public init(plan: SavingsPlan, gatedBytes: Int64, progress now: TargetProgress?) {
        self.plan = plan
        self.gatedBytes = gatedBytes
        let projected = max(0, gatedBytes - plan.removedBytes)
        projectedGatedBytes = projected
        progress = now.map {
            TargetProgress(targetBytes: $0.targetBytes, startBytes: $0.startBytes, startSource: $0.startSource, measuredBytes: projected)
        }
    }

    /// The outlook of `plan` for an evaluated image; nil when only the manifest was read.
    public init?(plan: SavingsPlan, evaluation: Evaluation) {
        guard evaluation.measurement.contentMeasured else { return nil }
        self.init(plan: plan, gatedBytes: evaluation.measurement.gatedBytes, progress: evaluation.progress)
    }
}
