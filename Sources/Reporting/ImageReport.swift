import ImageModel
import SizeAccounting
import SizeGate

/// Everything `inspect` says about one image: the loaded image and the summaries made from it.
/// Renderers read this; they compute nothing that a test could not check against the model.
public struct ImageReport: Sendable {
    /// The input as the user named it.
    public var input: String
    public var image: LoadedImage
    public var summary: FilesystemSummary
    /// Where every byte went; nil when the image was not accounted.
    public var ledger: SizeLedger?
    /// The plan judged against the baseline's target, when the report comes from `check` (inspect
    /// reads no baseline, so its plan has no target).
    public var planOutlook: PlanOutlook?
    /// How many entries the top lists (files, directories, packages) show in text and Markdown.
    public var top: Int
    /// How many entries JSON and HTML keep, whatever `--top` says (the help says it is for the
    /// table and Markdown only; a document's length must not depend on a display option).
    public static let documentTop = 10

    public init(input: String, image: LoadedImage, top: Int, ledger: SizeLedger? = nil) {
        self.input = input
        self.image = image
        self.summary = FilesystemSummary(files: image.files, top: max(top, Self.documentTop))
        self.ledger = ledger
        self.top = top
    }

    /// The savings plan to show: the ledger's, unless only the manifest was read (nothing was
    /// measured, so there is nothing to plan).
    public var plan: SavingsPlan? { image.contentMeasured ? ledger?.plan : nil }

    /// The image's notes followed by the accountant's.
    public var notes: [String] { image.notes + (ledger?.notes ?? []) }
}

/// The JSON report's schema version. Bump it when a field changes meaning or disappears.
public let reportSchemaVersion: Int64 = 1
