import Foundation
import PlimsollTestSupport
import Testing

/// The same input inspected by separate processes gives byte-identical reports. Each process hashes
/// with its own random seed, so any Dictionary or Set order that reaches output shows up here; two
/// runs in one process (one seed) could not catch it.
@Suite final class DeterminismTests {
    let directory: String
    let imagePath: String

    init() throws {
        directory = NSTemporaryDirectory() + "plimsoll-determinism-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Unreadable root package.json files (each a note), several node packages, OS files and
        // waste: every list a report sorts or groups.
        var entries: [EntrySpec] = (0..<8).map { .file("srv/service-\($0)/package.json", text: "{ broken \($0)") }
        entries += (0..<8).map { .file("app/node_modules/pkg-\($0)/package.json", text: #"{"name":"pkg-\#($0)","version":"1.0.\#($0)"}"#) }
        entries += (0..<8).map { .file("app/node_modules/pkg-\($0)/index.js", size: 1_000 + Int64($0) * 10) }
        entries += [
            .file("app/package.json", text: #"{"name":"app","dependencies":{"pkg-0":"1","pkg-1":"1","pkg-2":"1"},"devDependencies":{"pkg-3":"1","pkg-4":"1"}}"#),
            .file("var/cache/apt/archives/a.deb", size: 5_000), .file("tmp/x.log", size: 700),
        ]
        let spec = ImageSpec(
            tags: ["shop/determinism:1"],
            layers: [
                LayerSpec(entries: entries, createdBy: "/bin/sh -c pnpm install"),
                LayerSpec(entries: (0..<8).map { .file("app/node_modules/pkg-\($0)/index.js", size: 2_000) }, createdBy: "RUN chown -R node /app"),
            ],
            config: ConfigSpec(user: "1001", workdir: "/app"))
        imagePath = directory + "/image.tar"
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .docker25), to: imagePath)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    @Test(arguments: ["json", "markdown", "html", "table"])
    func separateProcessesPrintTheSameBytes(format: String) throws {
        let runs = try (0..<4).map { _ in try CommandRunner.run(["inspect", imagePath, "--format", format, "--quiet"]) }
        #expect(runs[0].status == 0, "\(runs[0].stderr)")
        if format != "html" {
            #expect(runs[0].stdout.contains("service-"), "the notes about unreadable package.json files are in the report")
        }
        for run in runs.dropFirst() {
            #expect(run.stdout == runs[0].stdout)
            #expect(run.stderr == runs[0].stderr)
        }
    }

    @Test func examplesCheckPrintsTheSameBytes() throws {
        let root = FileManager.default.currentDirectoryPath
        let runs = try (0..<3).map { run -> CommandRunner.Output in
            // Each run in a directory of its own, so that no run sees another's history; the clock is
            // injected, as CI does for reproducible reports.
            let place = directory + "/check-\(run)"
            try FileManager.default.createDirectory(atPath: place, withIntermediateDirectories: true)
            return try CommandRunner.run(
                ["check", root + "/Examples/finance.tar", "--baselines", root + "/Baselines", "--reports", "Reports", "--quiet"],
                directory: place, environment: ["SOURCE_DATE_EPOCH": "1764547200"])
        }
        #expect(runs[0].status == 1, "\(runs[0].stderr)")
        for run in runs.dropFirst() {
            #expect(run.stdout == runs[0].stdout)
            #expect(run.status == runs[0].status)
        }
        let reports = try (0..<3).map { try String(contentsOfFile: directory + "/check-\($0)/Reports/finance.json", encoding: .utf8) }
        #expect(reports[1] == reports[0] && reports[2] == reports[0])
    }
}
