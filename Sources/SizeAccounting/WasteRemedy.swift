import ImageModel

/// What undoes one cause of wasted bytes, told from the history step of the layer that superseded
/// the copies. The wasted-bytes findings and the savings plan's fixes both come from here, so a
/// cause gets the same next step in both.
enum WasteRemedy: Sendable, CaseIterable {
    /// A `RUN chown` / `chmod` stored every file again: set ownership and modes when copying.
    case ownershipWhenCopying
    /// A later step deleted (or cleaned) the files: delete them in the step that made them.
    case deleteInSameStep
    /// Anything else that rewrote earlier files.
    case avoidRewrites

    init(_ cause: WasteCause, in image: LoadedImage) {
        let step = cause.supersededBy < image.layers.count ? (image.layers[cause.supersededBy].createdBy ?? "").lowercased() : ""
        if step.contains("chown") || step.contains("chmod") {
            self = .ownershipWhenCopying
        } else if step.contains("rm ") || step.contains("purge") || step.contains("remove") || step.contains("clean") {
            self = .deleteInSameStep
        } else {
            self = .avoidRewrites
        }
    }

    func suggestion(for cause: WasteCause) -> String {
        switch self {
        case .ownershipWhenCopying:
            return "Set ownership and modes when the files are added (`COPY --chown=1001:1001`, `COPY --chmod=...`)"
                + " instead of a separate `RUN chown/chmod` step, which stores every file again."
        case .deleteInSameStep:
            return "Delete the files in the same RUN step that creates them (layer \(cause.layer)), or build in a separate"
                + " stage and COPY only the result: deleting in a later layer does not make the image smaller."
        case .avoidRewrites:
            return "Avoid rewriting files of earlier layers: merge the steps, or build in a separate stage and COPY only the result."
        }
    }
}
