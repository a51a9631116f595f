import SizeAccounting
import SizeGate
import StableJSON

/// The one JSON form of a savings plan (README, "JSON report"): `inspect`'s `savingsPlan` and,
/// with the target comparison, check's. Integer bytes throughout.
public enum SavingsPlanJSON {
    /// The plan alone: steps in plan order, the projection and what remains by category.
    public static func object(_ plan: SavingsPlan) -> JSONValue {
        .object(members(plan))
    }

    /// The plan with the gated sizes and the target progress it would bring (`progress` is the
    /// `TargetProgress` form, null without a target).
    public static func object(_ outlook: PlanOutlook) -> JSONValue {
        .object(members(outlook.plan) + [
            JSONMember("gatedBytes", .int(outlook.gatedBytes)),
            JSONMember("projectedGatedBytes", .int(outlook.projectedGatedBytes)),
            JSONMember("progress", outlook.progress?.json ?? .null),
        ])
    }

    static func members(_ plan: SavingsPlan) -> [JSONMember] {
        [
            JSONMember("contentBytes", .int(plan.contentBytes)),
            JSONMember("compressedBytes", .int(plan.compressedBytes)),
            JSONMember("steps", .array(plan.steps.enumerated().map { step($1, order: $0 + 1) })),
            JSONMember("removedBytes", .int(plan.removedBytes)),
            JSONMember("projectedBytes", .int(plan.projectedBytes)),
            JSONMember("projectedCompressedBytes", .int(plan.projectedCompressedBytes)),
            JSONMember("projectedCompressedBytesSource", .string(plan.projectedCompressedBytes == nil ? "unknown" : "estimated")),
            JSONMember("remaining", .array(plan.remaining.map(InspectJSON.category))),
        ]
    }

    static func step(_ step: SavingsPlan.Step, order: Int) -> JSONValue {
        .object([
            JSONMember("order", .int(Int64(order))),
            JSONMember("id", .string(step.id)),
            JSONMember("title", .string(step.title)),
            JSONMember("removedBytes", .int(step.removedBytes)),
            JSONMember("removedFiles", .int(Int64(step.removedFiles))),
            JSONMember("removedWastedBytes", .int(step.removedWastedBytes)),
            JSONMember("projectedBytes", .int(step.projectedBytes)),
            JSONMember("projectedCompressedBytes", .int(step.projectedCompressedBytes)),
            JSONMember("nextSteps", .strings(step.nextSteps)),
        ])
    }
}
