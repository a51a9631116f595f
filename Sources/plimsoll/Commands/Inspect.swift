import ArgumentParser
import Foundation
import PlimsollKit
import Reporting
import SizeAccounting
import StableJSON

/// `plimsoll inspect IMAGE...`: where the bytes of each image went.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an image's sizes, layers and largest files.",
        discussion: "IMAGE is a docker save / OCI tarball (optionally gzip or zstd), an OCI layout directory, or - for standard input."
    )

    @Argument(help: "Image tarballs, OCI layout directories, or - for standard input.")
    var images: [String]

    @Option(help: "Output format: table, json, markdown or html (one self-contained page per image).")
    var format: InspectFormat = .table

    @Option(help: "With --format html: write one page per image into this directory as NAME.html (default: standard output, one image only).")
    var out: String?

    @Option(help: "How many largest files, directories and packages to list (table and markdown).")
    var top = 10

    @OptionGroup var input: InputOptions
    @OptionGroup var accounting: AccountingOptions
    @OptionGroup var units: UnitOptions
    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        if images.isEmpty { throw ValidationError("name at least one image tarball, or - for standard input") }
        if top < 0 { throw ValidationError("--top must be 0 or more") }
        if images.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
        try InputOptions.validateSources(images)
        if out != nil && format != .html { throw ValidationError("--out is for --format html; other formats print to standard output") }
        if format == .html && out == nil && images.count > 1 {
            throw ValidationError("--format html writes one page per image: give --out DIR to read several images")
        }
    }

    func run() throws {
        if let warning = input.ignoredGzipLevel(default: .stored) { Diagnostics.warning(warning) }
        for warning in input.manifestOnlyWarnings(images) { Diagnostics.warning(warning) }
        let accountant = try accounting.accountant()
        var loadOptions = input.loadOptions(compressedDefault: .stored)
        let bar = progress.attach(to: &loadOptions)
        let inspection = Inspection(loadOptions: loadOptions, top: top, accountant: accountant)
        let results = inspection.run(images.map(InputOptions.input))
        bar?.clear()
        var reports: [ImageReport] = []
        var problems: [String] = []
        for result in results {
            switch result {
            case .success(let images): reports += images
            case .failure(let error): problems.append(error.description)
            }
        }
        for report in reports {
            for note in report.notes { Diagnostics.warning("\(report.input): \(note)") }
        }
        let bytes = ByteFormatter(units: units.binary ? .binary : .decimal)
        switch format {
        case .json: print(JSONWriter.pretty(InspectJSON.document(reports)), terminator: "")
        case .markdown: if !reports.isEmpty { print(InspectMarkdown(bytes: bytes).render(reports), terminator: "") }
        case .table: if !reports.isEmpty { print(InspectText(bytes: bytes).render(reports), terminator: "") }
        case .html: try writeHTML(reports, inspection: inspection, bytes: bytes)
        }
        if !problems.isEmpty { throw CommandOutcome.inputError(problems) }
    }

    /// One page to standard output, or one file per image with --out. A tarball that holds several
    /// images needs --out (or --image to pick one): pages cannot be concatenated.
    private func writeHTML(_ reports: [ImageReport], inspection: Inspection, bytes: ByteFormatter) throws {
        guard let out else {
            if reports.count > 1 {
                throw CommandOutcome.usage("the input holds \(reports.count) images: give --out DIR for one page each, or --image TAG")
            }
            if let report = reports.first { print(ImageHTML(bytes: bytes).render(report), terminator: "") }
            return
        }
        for path in try inputStep({ try inspection.writePages(reports, to: out, bytes: bytes) }) { print(path) }
    }
}
