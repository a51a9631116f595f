import ArgumentParser
import PlimsollKit
import Reporting
import SizeGate

/// `plimsoll baseline record|show`.
struct Baseline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record an image's measurement in its baseline, or show a baseline.",
        subcommands: [Record.self, Show.self]
    )
}

extension Baseline {
    /// `plimsoll baseline record IMAGE`.
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure an image and store the measurement in BASELINES/NAME.json.",
            discussion: """
                Keeps every limit, budget and description already in the file. When the image has a \
                target and no targetStart yet, sets targetStart to this measurement, so progress \
                towards the target is counted from here. Exit 2 when the image or a baseline cannot be read.
                """
        )

        @Argument(help: "An image tarball, OCI layout directory, or - for standard input.")
        var image: String

        @Option(help: "Name of the baseline (default: the repository part of the image's first tag).")
        var name: String?

        @Option(help: "Directory of baseline files.")
        var baselines = "Baselines"

        @OptionGroup var input: InputOptions
        @OptionGroup var accounting: AccountingOptions
        @OptionGroup var units: UnitOptions

        func validate() throws {
            if let name, let problem = ImageNaming.validate(name) { throw ValidationError("--name: \(problem)") }
            try InputOptions.validateSources([image])
            if input.manifestOnly { throw ValidationError("--manifest-only is for inspect and check: a baseline records the layers' contents") }
        }

        func run() throws {
            let environment = try inputStep { try Environment.live() }
            let accountant = try accounting.accountant()
            if let warning = input.ignoredGzipLevel(default: .stored) { Diagnostics.warning(warning) }
            let recording = BaselineRecording(
                environment: environment, baselines: BaselineStore(directory: baselines),
                loadOptions: input.loadOptions(compressedDefault: .stored), explicitName: name, accountant: accountant)
            let recorded = try inputStep { try recording.record(InputOptions.input(image)) }
            let bytes = ByteFormatter(units: units.binary ? .binary : .decimal)
            let measurement = recorded.measurement
            var line = "\(recorded.created ? "Created" : "Updated") \(recorded.path): recorded \(recorded.name) at "
            line += "\(bytes.string(measurement.gatedBytes)) (\(measurement.recordedAt.rfc3339))"
            print(line)
            if let start = recorded.targetStartBytes {
                print("Progress towards the target is now counted from \(bytes.string(start)) (limits.targetStart).")
            }
        }
    }

    /// `plimsoll baseline show NAME`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the rules in force for an image and its recorded measurement.")

        @Argument(help: "The image's name (its baseline file is BASELINES/NAME.json).")
        var name: String

        @Option(help: "Directory of baseline files.")
        var baselines = "Baselines"

        @OptionGroup var units: UnitOptions

        func run() throws {
            let store = BaselineStore(directory: baselines)
            let resolved = try inputStep { () throws -> BaselineStore.Resolved in
                try store.checkDirectory()
                return try store.resolve(name: name)
            }
            let text = BaselineText(bytes: ByteFormatter(units: units.binary ? .binary : .decimal)).render(
                name: name, rules: resolved.rules, files: resolved.files, hasImageFile: resolved.hasImageFile,
                description: resolved.document?.description)
            print(text, terminator: "")
        }
    }
}
