import SizeAccounting
import SizeGate

/// The words and table every rendering of a savings plan uses (inspect's text, Markdown and HTML;
/// check's Markdown), so they all say the same thing.
public struct PlanPresentation: Sendable {
    public var bytes: ByteFormatter

    public init(bytes: ByteFormatter = ByteFormatter()) {
        self.bytes = bytes
    }

    /// How many remaining categories the sentence of a plan that falls short names.
    static let remainingParts = 3

    /// "finance: 8.5 GB now; the 5 fixes below bring it to 1.1 GB, under the 1.2 GB target." With
    /// no outlook (inspect has no baseline), the sentence ends at the projected size. With one,
    /// the sizes are the gated ones the target judges.
    public func headline(name: String, plan: SavingsPlan, outlook: PlanOutlook? = nil) -> String {
        let now = outlook?.gatedBytes ?? plan.contentBytes
        let after = outlook?.projectedGatedBytes ?? plan.projectedBytes
        var text = "\(name): \(bytes.string(now)) now; "
        if plan.steps.isEmpty {
            text += "no fix applies"
        } else {
            let fixes = plan.steps.count == 1 ? "the fix below brings" : "the \(plan.steps.count) fixes below bring"
            text += "\(fixes) it to \(bytes.string(after)) (\(bytes.string(plan.removedBytes)) less)"
        }
        guard let progress = outlook?.progress else { return text + "." }
        let target = "the \(bytes.string(progress.targetBytes)) target"
        if progress.reached {
            let relation = progress.measuredBytes == progress.targetBytes ? "at" : "under"
            return text + ", \(relation) \(target)."
        }
        text += ": \(bytes.string(progress.remainingBytes)) short of \(target)"
        let parts = plan.remaining.prefix(Self.remainingParts).map { "\($0.category.rawValue) \(bytes.string($0.bytes))" }
        if !parts.isEmpty { text += "; the largest remaining parts are " + parts.joined(separator: ", ") }
        return text + "."
    }

    /// "1,204 files", "wasted copies", or "12 files and 3.1 MB of wasted copies".
    public func removes(_ step: SavingsPlan.Step) -> String {
        let files = step.removedFiles == 1 ? "1 file" : groupedInteger(Int64(step.removedFiles)) + " files"
        if step.removedWastedBytes == 0 { return files }
        if step.removedFiles == 0 { return "wasted copies" }
        return "\(files) and \(bytes.string(step.removedWastedBytes)) of wasted copies"
    }

    /// The step table: order, fix, bytes removed, what, content size after, and (when known) the
    /// estimated compressed size after. The next steps follow the table, under the same numbers.
    public func table(_ plan: SavingsPlan) -> TextTable {
        let compressed = plan.compressedBytes != nil
        var headers = ["#", "fix", "removes", "what", "size after"]
        var alignments: [TextTable.Alignment] = [.right, .left, .right, .left, .right]
        if compressed {
            headers.append("compressed after (estimate)")
            alignments.append(.right)
        }
        var table = TextTable(headers: headers, alignments: alignments)
        for (index, step) in plan.steps.enumerated() {
            var row = [
                String(index + 1), step.title, bytes.string(step.removedBytes), removes(step),
                bytes.string(step.projectedBytes),
            ]
            if compressed { row.append(step.projectedCompressedBytes.map { "~" + bytes.string($0) } ?? "unknown") }
            table.add(row)
        }
        return table
    }
}
