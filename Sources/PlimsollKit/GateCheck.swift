import Charts
import Foundation
import ImageLoading
import ImageModel
import Parallelism
import Reporting
import SizeAccounting
import SizeGate

/// The `check` use case: measure each image, judge it against its baseline, write its reports
/// and a history record, and summarise the run. One image's failure (unreadable input, broken
/// baseline) is reported in its place and does not stop the others.
public struct GateCheck: Sendable {
    public var environment: Environment
    public var baselines: BaselineStore
    public var reports: ReportWriter
    public var loadOptions: LoadOptions
    /// How many images are read at once.
    public var parallelism: Int
    /// `--name`: the name for the (single) image checked.
    public var explicitName: String?
    /// Labels every byte: categories, packages and findings for the rules and reports, and the
    /// ledger of the HTML page.
    public var accountant: SizeAccountant
    /// `--html`: also write `NAME.html`, the self-contained picture of the image, beside the reports.
    public var writesHTML = false
    /// `--require-baseline`: an image without its own NAME.json is an error (as is
    /// `requireBaseline: true` in defaults.json).
    public var requireBaseline = false
    /// What CI gets besides the reports: annotations, the step summary, JUnit. Made from the
    /// environment's `GITHUB_ACTIONS` and `GITHUB_STEP_SUMMARY`; `junit` is the caller's.
    public var ci: CIOutputs

    /// The CI files and lines a run makes, all written here so that the command only prints.
    public struct CIOutputs: Sendable {
        /// `GITHUB_ACTIONS=true`: make annotations (the run returns them for standard output).
        public var githubActions = false
        /// `GITHUB_STEP_SUMMARY`: append the summary Markdown to this file.
        public var stepSummary: String?
        /// `--junit FILE`.
        public var junit: String?
        /// The baselines directory as given, for annotations' `file=`.
        public var baselineDirectory: String?

        public init(githubActions: Bool = false, stepSummary: String? = nil, junit: String? = nil, baselineDirectory: String? = nil) {
            self.githubActions = githubActions
            self.stepSummary = stepSummary
            self.junit = junit
            self.baselineDirectory = baselineDirectory
        }

        /// What the CI system asks for through `variables`, for a run over `baselineDirectory`.
        public init(variables: [String: String], baselineDirectory: String?) {
            self.init(
                githubActions: variables["GITHUB_ACTIONS"] == "true", stepSummary: variables["GITHUB_STEP_SUMMARY"],
                baselineDirectory: baselineDirectory)
        }
    }

    /// - Parameter loadOptions: the capture policy is replaced by what `accountant` needs.
    public init(
        environment: Environment, baselines: BaselineStore, reports: ReportWriter, loadOptions: LoadOptions = LoadOptions(),
        parallelism: Int = 2, explicitName: String? = nil, accountant: SizeAccountant
    ) {
        self.environment = environment
        self.baselines = baselines
        self.reports = reports
        self.loadOptions = accountant.applying(to: loadOptions)
        self.parallelism = parallelism
        self.explicitName = explicitName
        self.accountant = accountant
        ci = CIOutputs(variables: environment.variables, baselineDirectory: baselines.directory)
    }

    /// What a run produced.
    public struct Run: Sendable {
        public var summary: FleetSummary
        /// Every file written, in order.
        public var files: [String]
        /// Messages about the run that are not about one image (the summary could not be written).
        public var problems: [String]
        /// GitHub workflow commands for standard output; empty outside GitHub Actions.
        public var annotations = ""

        /// True when an input or baseline could not be read, or a report could not be written.
        public var hadErrors: Bool { !summary.errors.isEmpty || !problems.isEmpty }
        /// True when any image's verdict is fail.
        public var anyFailed: Bool { summary.reports.contains { $0.verdict == .fail } }
    }

    /// One image measured and judged, not yet written.
    private enum Judged: Sendable {
        case report(GateReport, html: String?)
        case error(GateError)
    }

    /// Checks every image of `inputs`, writes reports, history and the summary, and returns what
    /// happened. Throws, before reading any image, when the baselines directory cannot be used.
    public func run(_ inputs: [ImageInput]) throws(GateUseCaseError) -> Run {
        do {
            try baselines.checkDirectory()
        } catch {
            throw GateUseCaseError(error)
        }
        let now = environment.clock.now()
        let judged = ParallelWork.map(count: inputs.count, limit: parallelism) { index in judge(inputs[index], at: now) }
        var reportsDone: [GateReport] = []
        var errors: [GateError] = []
        var files: [String] = []
        var problems: [String] = []
        var taken: [String: String] = [:]
        let history = HistoryStore(directory: reports.historyDirectory)
        for outcome in judged.flatMap({ $0 }) {
            switch outcome {
            case .error(let error):
                errors.append(error)
            case .report(let report, let html):
                let tag = report.evaluation.measurement.tags.first
                if let earlier = taken[report.name] {
                    let choose = tag.map { "check it in a run of its own with --image \($0)" } ?? "check it in a run of its own"
                    errors.append(
                        GateError(
                            input: report.input, name: report.name, tag: tag,
                            message: "\(report.input): the name '\(report.name)' is already used by \(earlier) in this run; \(choose) (and --name NAME to give it another baseline)"))
                    continue
                }
                taken[report.name] = tag.map { "\(report.input) (\($0))" } ?? report.input
                do {
                    files += try reports.write(report)
                    if let html { files.append(try reports.writeHTML(html, name: report.name)) }
                    // A manifest-only measurement has no content sizes: it would break the history.
                    if report.evaluation.measurement.contentMeasured {
                        files.append(try history.add(HistoryRecord(report.evaluation), environment: environment))
                    }
                    reportsDone.append(report)
                } catch {
                    errors.append(GateError(input: report.input, name: report.name, tag: tag, message: error.description))
                }
            }
        }
        let goal = try? baselines.defaultRules().rules.targetBytes
        let summary = FleetSummary(reports: reportsDone, errors: errors, goalBytes: goal ?? nil, recordedAt: now)
        do {
            files += try reports.write(summary)
        } catch {
            problems.append(error.description)
        }
        var run = Run(summary: summary, files: files, problems: problems)
        writeCIOutputs(&run)
        return run
    }

    /// Annotations, the step summary and JUnit; a file that cannot be written is a problem of the run.
    private func writeCIOutputs(_ run: inout Run) {
        let phrases = reports.phrases
        if ci.githubActions {
            run.annotations = GitHubAnnotations(phrases: phrases).render(run.summary, baselineDirectory: ci.baselineDirectory)
            if let stepSummary = ci.stepSummary, !stepSummary.isEmpty {
                do {
                    try AtomicFile.append(reports.summaryMarkdown(run.summary) + "\n", to: stepSummary)
                    run.files.append(stepSummary)
                } catch {
                    run.problems.append(error.description)
                }
            }
        }
        if let junit = ci.junit {
            do {
                try AtomicFile.write(JUnitReport(phrases: phrases).render(run.summary), to: junit)
                run.files.append(junit)
            } catch {
                run.problems.append(error.description)
            }
        }
    }

    /// Reads one input and judges each of its images.
    private func judge(_ input: ImageInput, at now: UTCTimestamp) -> [Judged] {
        let display = DisplayPath.of(input.displayName)
        let images: [LoadedImage]
        do {
            images = try ImageLoader(options: loadOptions).load(input)
        } catch {
            return [.error(GateError(input: display, name: explicitName, message: sanitise(error.description, input)))]
        }
        return images.map { image in
            let name = ImageNaming.name(
                explicit: explicitName, tags: image.tags, input: input.displayName, digest: image.configDigest)
            do throws(DocumentError) {
                let resolved = try baselines.resolve(name: name)
                if !resolved.hasImageFile, requireBaseline || resolved.rules.requireBaseline {
                    let by = requireBaseline ? "--require-baseline" : "requireBaseline in \(BaselineStore.defaultsFileName)"
                    throw DocumentError(file: baselines.path(for: name), problem: .missingBaseline(name: name, requiredBy: by))
                }
                let ledger = accountant.account(image)
                let measurement = ImageMeasurement(
                    image: image, name: name, recordedAt: now, ledger: ledger, ignorePaths: resolved.rules.ignorePaths)
                let evaluation = GateEvaluator.evaluate(measurement, rules: resolved.rules)
                var report = GateReport(
                    input: display, evaluation: evaluation, baselineFiles: resolved.files,
                    hasImageBaseline: resolved.hasImageFile, largestWasted: Array(image.largestWasted.prefix(5)),
                    notes: image.notes, findings: ledger.findings)
                report.baselineKeyLines = resolved.keyLines
                report.plan = ledger.plan
                var pageReport = ImageReport(input: display, image: image, top: 10, ledger: ledger)
                pageReport.planOutlook = report.planOutlook
                let page = writesHTML ? ImageHTML(bytes: reports.phrases.bytes).render(pageReport) : nil
                return .report(report, html: page)
            } catch {
                return .error(GateError(input: display, name: name, tag: image.tags.first, message: error.description))
            }
        }
    }

    /// Replaces an absolute input path in a message with its display name.
    private func sanitise(_ message: String, _ input: ImageInput) -> String {
        guard case .path(let path) = input, path.hasPrefix("/") else { return message }
        return message.replacingOccurrences(of: path, with: DisplayPath.of(path))
    }
}
