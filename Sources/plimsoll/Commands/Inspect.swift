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

    @Option(help: "Output format: table, json or markdown.")
    var format: OutputFormat = .table

    @Option(help: "How many largest files, directories and packages to list (table and markdown).")
    var top = 10

    @OptionGroup var input: InputOptions
    @OptionGroup var accounting: AccountingOptions
    @OptionGroup var units: UnitOptions

    func validate() throws {
        if images.isEmpty { throw ValidationError("name at least one image tarball, or - for standard input") }
        if top < 0 { throw ValidationError("--top must be 0 or more") }
        if images.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
    }

    func run() throws {
        let accountant = try accounting.accountant()
        let inspection = Inspection(loadOptions: input.loadOptions(), top: top, accountant: accountant)
        let results = inspection.run(images.map(InputOptions.input))
        var reports: [ImageReport] = []
        var failed = false
        for result in results {
            switch result {
            case .success(let images): reports += images
            case .failure(let error):
                failed = true
                Diagnostics.error(error.description)
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
        }
        if failed { throw ExitStatus.inputError }
    }
}
