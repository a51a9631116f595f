import ArgumentParser
import Foundation
import PlimsollKit
import Reporting
import SizeGate

/// `plimsoll check IMAGE...`: the size gate.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge images against their baselines: pass, warn or fail, with every reason.",
        discussion: """
            Each image's baseline is BASELINES/NAME.json over BASELINES/defaults.json, where NAME is \
            --name, else the repository part of the image's first tag (registry/team/api-gateway:1.2 \
            -> api-gateway), else the file name. Reports go to REPORTS/NAME.json and NAME.md, \
            REPORTS/summary.json and summary.md, and a history record to REPORTS/history/NAME/.
            With GITHUB_ACTIONS=true, prints ::error/::warning annotations and appends the summary \
            to $GITHUB_STEP_SUMMARY.
            Exit codes: 0 nothing failed (warnings allowed), 1 an image failed, 2 an input or \
            baseline could not be read or a report not written (the other images are still checked).
            """
    )

    @Argument(help: "Image tarballs, OCI layout directories, or - for standard input.")
    var images: [String]

    @Option(help: "Directory of baseline files.")
    var baselines = "Baselines"

    @Option(help: "Directory for reports and history.")
    var reports = "Reports"

    @Option(help: "Name of the image's baseline and reports (only with one IMAGE).")
    var name: String?

    @Option(help: "Also write JUnit XML (one test case per image and rule) to this file.")
    var junit: String?

    @Flag(help: "Make an image without its own BASELINES/NAME.json an error (exit 2) instead of checking it against defaults.json alone; \"requireBaseline\": true in defaults.json does the same.")
    var requireBaseline = false

    @Option(help: "How many images to read at once, and how many registry blobs to fetch at once.")
    var jobs = 2

    @Flag(help: "Also write NAME.html beside the reports: a self-contained page with a treemap of the image.")
    var html = false

    @Flag(name: [.short, .long], help: "Print nothing on standard output but GitHub annotations, and no progress bar; reports are still written, errors still go to standard error.")
    var quiet = false

    @OptionGroup var input: InputOptions
    @OptionGroup var accounting: AccountingOptions
    @OptionGroup var units: UnitOptions

    func validate() throws {
        if images.isEmpty { throw ValidationError("name at least one image tarball, or - for standard input") }
        if images.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
        if name != nil && images.count > 1 { throw ValidationError("--name names one image; check several images without it") }
        if let name, let problem = ImageNaming.validate(name) { throw ValidationError("--name: \(problem)") }
        if jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        try InputOptions.validateSources(images)
    }

    func run() throws {
        let environment = try inputStep { try Environment.live() }
        let accountant = try accounting.accountant()
        let phrases = GatePhrases(bytes: ByteFormatter(units: units.binary ? .binary : .decimal))
        // The gate estimates wire sizes by default: compressed budgets then apply on every run.
        if let warning = input.ignoredGzipLevel(default: .estimate) { Diagnostics.warning(warning) }
        for warning in input.manifestOnlyWarnings(images) { Diagnostics.warning(warning) }
        var loadOptions = input.loadOptions(compressedDefault: .estimate, parallelFetches: jobs)
        let bar = ProgressBar.make(quiet: quiet)
        loadOptions.progress = bar?.callback
        var check = GateCheck(
            environment: environment, baselines: BaselineStore(directory: baselines),
            reports: ReportWriter(directory: reports, phrases: phrases), loadOptions: loadOptions, parallelism: jobs,
            explicitName: name, accountant: accountant)
        check.writesHTML = html
        check.requireBaseline = requireBaseline
        check.ci.junit = junit
        defer { bar?.clear() }
        let run = try inputStep { try check.run(images.map(InputOptions.input)) }
        bar?.clear()
        for report in run.summary.reports {
            for note in report.notes { Diagnostics.warning("\(report.input): \(note)") }
        }
        if !quiet { print(CheckText(phrases: phrases).render(run.summary), terminator: "") }
        print(run.annotations, terminator: "")
        if run.hadErrors { throw CommandOutcome.inputError(run.summary.errors.map(\.message) + run.problems) }
        if run.anyFailed { throw CommandOutcome.gateFailed }
    }
}
