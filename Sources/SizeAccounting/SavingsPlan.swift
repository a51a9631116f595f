/// The ordered fixes that would shrink one image, each with the bytes it removes counted once (a
/// file two fixes would remove belongs to the first in `PlanFix.standard`'s order), and the size
/// the image would have after it. Made by `SavingsPlanner` from the ledger's own pass; see
/// Docs/accounting.md, "The savings plan".
public struct SavingsPlan: Sendable, Equatable {
    /// One fix of the plan, in plan order.
    public struct Step: Sendable, Equatable {
        /// The fix's stable identifier ("prune-dev-dependencies").
        public var id: String
        /// What the fix does, in a few words.
        public var title: String
        /// The commands or Dockerfile changes that make it (the findings' next steps), most
        /// important first.
        public var nextSteps: [String]
        /// Bytes the step removes from the content size: final files plus wasted copies, none
        /// of them removed by an earlier step.
        public var removedBytes: Int64
        /// Final-filesystem files the step removes.
        public var removedFiles: Int
        /// The part of `removedBytes` that is wasted copies (files rewritten by a later layer).
        public var removedWastedBytes: Int64
        /// The content size after this step and every step before it.
        public var projectedBytes: Int64
        /// An estimate of the compressed size after this step: each removed byte scaled by its
        /// layer's compressed-to-content ratio. Nil when any layer's compressed size is unknown.
        public var projectedCompressedBytes: Int64?

        public init(
            id: String, title: String, nextSteps: [String], removedBytes: Int64, removedFiles: Int, removedWastedBytes: Int64,
            projectedBytes: Int64, projectedCompressedBytes: Int64?
        ) {
            self.id = id
            self.title = title
            self.nextSteps = nextSteps
            self.removedBytes = removedBytes
            self.removedFiles = removedFiles
            self.removedWastedBytes = removedWastedBytes
            self.projectedBytes = projectedBytes
            self.projectedCompressedBytes = projectedCompressedBytes
        }
    }

    /// The image's content size now (`SizeLedger.contentBytes`).
    public var contentBytes: Int64
    /// The image's compressed size now; nil when unknown.
    public var compressedBytes: Int64?
    /// Fixes that remove at least one byte, in plan order.
    public var steps: [Step]
    /// What is left after every step, by category (wasted copies no step removes included),
    /// largest first, empty categories left out. Sums to `projectedBytes`.
    public var remaining: [SizeLedger.CategoryTotal]

    public init(contentBytes: Int64, compressedBytes: Int64?, steps: [Step], remaining: [SizeLedger.CategoryTotal]) {
        self.contentBytes = contentBytes
        self.compressedBytes = compressedBytes
        self.steps = steps
        self.remaining = remaining
    }

    /// The plan of an image no fix applies to.
    public static func empty(contentBytes: Int64, compressedBytes: Int64?) -> SavingsPlan {
        SavingsPlan(contentBytes: contentBytes, compressedBytes: compressedBytes, steps: [], remaining: [])
    }

    /// The content size after the whole plan.
    public var projectedBytes: Int64 { steps.last?.projectedBytes ?? contentBytes }
    /// The estimated compressed size after the whole plan; nil when unknown.
    public var projectedCompressedBytes: Int64? { steps.isEmpty ? compressedBytes : steps.last?.projectedCompressedBytes }
    /// Bytes the whole plan removes.
    public var removedBytes: Int64 { contentBytes - projectedBytes }
}
