import ImageModel
import SizeAccounting
import SizeGate

/// Everything `check` says about one image: the evaluation and the context reports show with it.
/// Renderers read this and compute nothing a test could not check against the evaluation.
public struct GateReport: Sendable {
    /// The input as reports name it (never an absolute path of this machine).
    public var input: String
    public var evaluation: Evaluation
    /// The baseline files that applied, bottom first (`defaults.json`, `finance.json`); empty
    /// when only the built-in defaults applied.
    public var baselineFiles: [String]
    /// False when the image has no baseline file of its own and got the defaults.
    public var hasImageBaseline: Bool
    /// What changed since the recorded measurement; nil when nothing was recorded.
    public var changes: MeasurementDiff?
    /// The largest superseded copies, largest first.
    public var largestWasted: [WastedFile]
    /// Warnings about the input that did not stop the analysis.
    public var notes: [String]
    /// The size accountant's findings (dev dependencies shipped, caches, runs as root, ...).
    public var findings: [Finding]
    /// The accountant's savings plan; nil when no accountant ran.
    public var plan: SavingsPlan?
    /// The line of each key in each baseline file that applied (file name → key path → line),
    /// so that annotations can point at the key that set a limit.
    public var baselineKeyLines: [String: [String: Int]] = [:]

    public init(
        input: String, evaluation: Evaluation, baselineFiles: [String], hasImageBaseline: Bool,
        largestWasted: [WastedFile] = [], notes: [String] = [], findings: [Finding] = []
    ) {
        self.findings = findings
        self.input = input
        self.evaluation = evaluation
        self.baselineFiles = baselineFiles
        self.hasImageBaseline = hasImageBaseline
        self.changes = evaluation.rules.recorded.map { MeasurementDiff(old: $0, new: evaluation.measurement) }
        self.largestWasted = largestWasted
        self.notes = notes
    }

    public var name: String { evaluation.measurement.name }

    /// The plan against the baseline's target; nil without a plan or for manifest-only reads.
    public var planOutlook: PlanOutlook? { plan.flatMap { PlanOutlook(plan: $0, evaluation: evaluation) } }
    public var verdict: Verdict { evaluation.verdict }

    /// "defaults.json, finance.json" or "built-in defaults", plus whether the image has its own file.
    public var baselineDescription: String {
        let files = baselineFiles.isEmpty ? GateRules.builtInLabel : baselineFiles.joined(separator: " + ")
        return hasImageBaseline ? files : "\(files) (no baseline file for \(name): defaults apply)"
    }
}

/// An image that could not be checked: unreadable input, broken baseline, or a report that
/// could not be written.
public struct GateError: Sendable, Equatable {
    public var input: String
    /// The image's name when it was known.
    public var name: String?
    /// The image's first tag when it was known: which of a tarball's images this is.
    public var tag: String?
    public var message: String

    public init(input: String, name: String?, tag: String? = nil, message: String) {
        self.input = input
        self.name = name
        self.tag = tag
        self.message = message
    }

    /// The error's row label: the name (or input), with the tag when there is one.
    public var label: String {
        let base = name ?? input
        guard let tag else { return base }
        return "\(base) (\(tag))"
    }
}
