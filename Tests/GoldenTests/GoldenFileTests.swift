import Foundation
import PlimsollTestSupport
import Testing

/// Every output format, pinned: inspect (table, Markdown, JSON, HTML), check (text, Markdown,
/// JSON, summary, JUnit, annotations, step summary), diff, baseline show, trend (Markdown, JSON,
/// SVG), made by the built binary from fixture-builder images with a fixed clock.
///
/// Regenerate them all with one command, then review the diff:
///
///     RECORD_GOLDEN=1 swift test --filter Golden
///
/// A recording run fails on purpose; run again without RECORD_GOLDEN to see it pass.
@Suite(.serialized) struct GoldenFileTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    /// The pnpm NestJS service of the accounting tests, a next build of it with one more layer, and
    /// one more with a model copied twice.
    static func images(in root: String) throws {
        let first = NestServiceFixture.make().image
        try ImageFixtureBuilder.write([first], options: ArchiveOptions(), to: root + "/orders-1.tar")
        var second = first
        second.tags = ["acme/orders:1.5.0"]
        second.layers.append(LayerSpec([.file("app/dist/reports.js", size: 2_400_000)], createdBy: "COPY dist/reports.js /app/dist/"))
        try ImageFixtureBuilder.write([second], options: ArchiveOptions(), to: root + "/orders-2.tar")
        // The inspect goldens' image: the next build again, shipping a model twice (duplicate files).
        var third = second
        let model = FileContent.pseudoRandom(seed: 11)
        third.layers.append(LayerSpec(
            [.file("opt/models/encoder.onnx", size: 1_500_000, content: model), .file("app/models/encoder.onnx", size: 1_500_000, content: model)],
            createdBy: "COPY models/ /opt/models/ and /app/models/"))
        try ImageFixtureBuilder.write([third], options: ArchiveOptions(), to: root + "/orders-3.tar")
    }

    static let defaults = """
        {
          "schemaVersion": 1,
          "requireBaseline": true,
          "limits": {
            "warn": "20MB",
            "target": "5MB"
          },
          "growth": {
            "warn": { "bytes": "1MB" },
            "fail": { "percent": 50 }
          },
          "categories": {
            "dev-dependencies": { "warn": "0B" }
          }
        }

        """
    static let own = """
        {
          "schemaVersion": 1,
          "description": "orders: the fixture's NestJS service",
          "limits": {
            "fail": "60MB"
          }
        }

        """

    /// Runs plimsoll in `root` at `epoch`, with `root` written as <workspace> in what it prints.
    static func run(_ arguments: [String], in root: String, epoch: Int, environment: [String: String] = [:]) throws -> CommandRunner.Output {
        var variables = ["SOURCE_DATE_EPOCH": String(epoch)]
        for (key, value) in environment { variables[key] = value }
        var output = try CommandRunner.run(arguments, directory: root, environment: variables)
        output.stdout = output.stdout.replacingOccurrences(of: root, with: "<workspace>")
        output.stderr = output.stderr.replacingOccurrences(of: root, with: "<workspace>")
        return output
    }

    static func expectGolden(_ text: String, _ name: String, root: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let normalised = root.map { text.replacingOccurrences(of: $0, with: "<workspace>") } ?? text
        switch GoldenFile.check(normalised, name: name, directory: directory) {
        case .matches: break
        case .recorded(let message), .differs(let message), .missing(let message):
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    static func file(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func inspect() throws {
        let root = try TemporaryDirectory.make("plimsoll-golden")
        defer { TemporaryDirectory.remove(root) }
        try Self.images(in: root)
        for (format, name) in [("table", "inspect.txt"), ("markdown", "inspect.md"), ("json", "inspect.json"), ("html", "inspect.html")] {
            let result = try Self.run(["inspect", "orders-3.tar", "--format", format, "--top", "5"], in: root, epoch: 1_714_521_600)
            #expect(result.status == 0, "\(result.stderr)")
            Self.expectGolden(result.stdout, name)
        }
    }

    /// Two services built on the same layers (billing is orders plus one layer): check's fleet
    /// table, shared-layers line and summary, and inspect's fleet table after the images.
    @Test func fleetOfImagesThatShareLayers() throws {
        let root = try TemporaryDirectory.make("plimsoll-golden")
        defer { TemporaryDirectory.remove(root) }
        var orders = NestServiceFixture.make().image
        try ImageFixtureBuilder.write([orders], options: ArchiveOptions(), to: root + "/orders.tar")
        orders.tags = ["acme/billing:2.0.0"]
        orders.layers.append(LayerSpec([.file("app/dist/invoices.js", size: 1_700_000)], createdBy: "COPY dist/invoices.js /app/dist/"))
        try ImageFixtureBuilder.write([orders], options: ArchiveOptions(), to: root + "/billing.tar")
        try FileManager.default.createDirectory(atPath: root + "/Baselines", withIntermediateDirectories: true)
        try #"{"schemaVersion": 1, "limits": {"warn": "20MB", "target": "5MB"}}"#.write(
            toFile: root + "/Baselines/defaults.json", atomically: true, encoding: .utf8)
        let check = try Self.run(["check", "orders.tar", "billing.tar"], in: root, epoch: 1_714_521_600)
        #expect(check.status == 0, "\(check.stderr)")
        Self.expectGolden(check.stdout, "fleet-check.txt")
        Self.expectGolden(try Self.file(root + "/Reports/summary.md"), "fleet-summary.md")
        Self.expectGolden(try Self.file(root + "/Reports/summary.json"), "fleet-summary.json")
        for (format, name) in [("table", "fleet-inspect.txt"), ("markdown", "fleet-inspect.md")] {
            let result = try Self.run(["inspect", "orders.tar", "billing.tar", "--format", format, "--top", "3"], in: root, epoch: 1_714_521_600)
            #expect(result.status == 0, "\(result.stderr)")
            Self.expectGolden(result.stdout, name)
        }
    }

    @Test func gateDiffBaselineAndTrend() throws {
        let root = try TemporaryDirectory.make("plimsoll-golden")
        defer { TemporaryDirectory.remove(root) }
        try Self.images(in: root)
        try FileManager.default.createDirectory(atPath: root + "/Baselines", withIntermediateDirectories: true)
        try Self.defaults.write(toFile: root + "/Baselines/defaults.json", atomically: true, encoding: .utf8)
        try Self.own.write(toFile: root + "/Baselines/orders.json", atomically: true, encoding: .utf8)
        let day = 86_400
        let start = 1_714_521_600

        // Build 1 is checked and recorded; build 2 is checked against it, as CI on GitHub would.
        let first = try Self.run(["check", "orders-1.tar"], in: root, epoch: start)
        #expect(first.status <= 1, "\(first.stderr)")
        let record = try Self.run(["baseline", "record", "orders-1.tar"], in: root, epoch: start)
        #expect(record.status == 0, "\(record.stderr)")
        Self.expectGolden(record.stdout, "baseline-record.txt")
        try "".write(toFile: root + "/step-summary.md", atomically: true, encoding: .utf8)
        let check = try Self.run(
            ["check", "orders-2.tar", "--junit", "Reports/junit.xml"], in: root, epoch: start + day,
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": root + "/step-summary.md"])
        #expect(check.status <= 1, "\(check.stderr)")
        let annotations = check.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("::") }
        Self.expectGolden(check.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("::") }
            .joined(separator: "\n"), "check.txt")
        Self.expectGolden(annotations.joined(separator: "\n") + "\n", "annotations.txt")
        Self.expectGolden(try Self.file(root + "/Reports/orders.md"), "check.md")
        Self.expectGolden(try Self.file(root + "/Reports/orders.json"), "check.json")
        Self.expectGolden(try Self.file(root + "/Reports/summary.md"), "summary.md")
        Self.expectGolden(try Self.file(root + "/Reports/summary.json"), "summary.json")
        Self.expectGolden(try Self.file(root + "/Reports/junit.xml"), "junit.xml")
        Self.expectGolden(try Self.file(root + "/step-summary.md"), "step-summary.md", root: root)

        for (format, name) in [("table", "diff.txt"), ("markdown", "diff.md"), ("json", "diff.json")] {
            let diff = try Self.run(["diff", "orders-1.tar", "orders-2.tar", "--format", format], in: root, epoch: start)
            #expect(diff.status == 0, "\(diff.stderr)")
            Self.expectGolden(diff.stdout, name)
        }
        let show = try Self.run(["baseline", "show", "orders"], in: root, epoch: start)
        #expect(show.status == 0, "\(show.stderr)")
        Self.expectGolden(show.stdout, "baseline-show.txt")

        let trend = try Self.run(["trend", "Reports/history", "--out", "Trend"], in: root, epoch: start)
        #expect(trend.status == 0, "\(trend.stderr)")
        Self.expectGolden(trend.stdout, "trend.txt")
        Self.expectGolden(try Self.file(root + "/Trend/trend.md"), "trend.md")
        Self.expectGolden(try Self.file(root + "/Trend/trend.json"), "trend.json")
        for chart in try FileManager.default.contentsOfDirectory(atPath: root + "/Trend/charts").sorted() {
            Self.expectGolden(try Self.file(root + "/Trend/charts/" + chart), "trend-" + chart)
        }
    }
}
