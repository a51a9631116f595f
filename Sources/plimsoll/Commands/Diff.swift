import ArgumentParser
import PlimsollKit
import Reporting
import SizeGate
import StableJSON

/// `plimsoll diff OLD NEW`: what changed between two images or saved reports.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two images or saved reports, largest movers first.",
        discussion: """
            OLD and NEW are image tarballs (or OCI layout directories, or - for one of them), or JSON \
            files plimsoll wrote: a check report (Reports/NAME.json), a history record, inspect \
            --format json output with one image, or a baseline with a recorded measurement. Layers \
            are matched by diff ID, then by history step. Exit 2 when either side cannot be read.
            """
    )

    @Argument(help: "The image or report before the change.")
    var old: String

    @Argument(help: "The image or report after the change.")
    var new: String

    @Option(help: "Output format: table, json or markdown.")
    var format: OutputFormat = .table

    @Option(help: "How many rows each list shows (table and markdown).")
    var top = 20

    @OptionGroup var input: InputOptions
    @OptionGroup var accounting: AccountingOptions
    @OptionGroup var units: UnitOptions

    func validate() throws {
        if old == "-" && new == "-" { throw ValidationError("standard input (-) can be read only once") }
        if top < 1 { throw ValidationError("--top must be 1 or more") }
        try InputOptions.validateSources([old, new])
        if input.manifestOnly { throw ValidationError("--manifest-only is for inspect and check: diff compares the layers' contents") }
    }

    func run() throws {
        let accountant = try accounting.accountant()
        if let warning = input.ignoredGzipLevel(default: .stored) { Diagnostics.warning(warning) }
        let environment = try inputStep { try Environment.live() }
        let comparison = Comparison(
            environment: environment, loadOptions: input.loadOptions(compressedDefault: .stored), accountant: accountant)
        let diff = try inputStep { try comparison.diff(old: old, new: new) }
        let bytes = ByteFormatter(units: units.binary ? .binary : .decimal)
        switch format {
        case .json: print(JSONWriter.pretty(DiffJSON.document(diff)), terminator: "")
        case .markdown: print(DiffMarkdown(bytes: bytes, rows: top).render(diff), terminator: "")
        case .table: print(DiffText(bytes: bytes, rows: top).render(diff), terminator: "")
        }
    }
}
