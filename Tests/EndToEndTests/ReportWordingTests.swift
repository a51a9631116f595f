import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// The small truths of the reports, through the built binary: lists, counts, next steps, colours
/// and the advice that goes with an error.
@Suite struct ReportWordingTests {
    static func image(_ name: String, tag: String = "1.0", layers: [[EntrySpec]], at path: String) throws {
        let spec = ImageSpec(
            tags: ["registry.example.com/team/\(name):\(tag)"],
            layers: layers.enumerated().map { LayerSpec($0.element, createdBy: "RUN step \($0.offset)") })
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(), to: path)
    }

    @Test func inspectListsTheLargestWastedFilesInTextAndMarkdown() throws {
        let root = try GateCLI.workspace()
        defer { GateCLI.remove(root) }
        // Layer 1 overwrites /app/a.bin (30 kB in layer 0) and deletes nothing else.
        try Self.image(
            "svc", layers: [[.file("app/a.bin", size: 30_000), .file("app/b.bin", size: 5_000)], [.file("app/a.bin", size: 10_000)]],
            at: root + "/svc.tar")
        let text = try GateCLI.run(["inspect", "svc.tar"], in: root)
        #expect(text.status == 0, "\(text.stderr)")
        let section = text.stdout.components(separatedBy: "\nLargest wasted files\n").last ?? ""
        #expect(text.stdout.contains("\nLargest wasted files\n"))
        #expect(section.split(separator: "\n").dropFirst().first?.split(separator: " ").map(String.init) == ["30", "kB", "0", "1", "overwritten", "/app/a.bin"])
        let markdown = try GateCLI.run(["inspect", "svc.tar", "--format", "markdown"], in: root)
        #expect(markdown.stdout.contains("### Largest wasted files"))
        #expect(markdown.stdout.contains("| 30 kB | 0 | 1 | overwritten | `/app/a.bin` |"), "\(markdown.stdout)")
    }

    @Test func topShortensTablesButNeverTheJSON() throws {
        let root = try GateCLI.workspace()
        defer { GateCLI.remove(root) }
        let files = (1...12).map { EntrySpec.file("data/f\($0).bin", size: Int64($0) * 1_000) }
        try Self.image("svc", layers: [files], at: root + "/svc.tar")
        let json = try JSONParser.parse(try GateCLI.run(["inspect", "svc.tar", "--format", "json", "--top", "2"], in: root).stdout)
        let image = json["images"]?.arrayValue?.first
        #expect(image?["largestFiles"]?.arrayValue?.count == 10)
        #expect(image?["largestFiles"]?.arrayValue?.first?["path"] == "/data/f12.bin")
        let table = try GateCLI.run(["inspect", "svc.tar", "--top", "2"], in: root).stdout
        let listed = table.components(separatedBy: "\nLargest files\n").last?.components(separatedBy: "\n\n").first ?? ""
        #expect(listed.split(separator: "\n").count == 3, "\(listed)")  // header + 2 rows
    }

    @Test func healthcheckAdviceNamesNodeOnlyWhereNodeIs() throws {
        let root = try GateCLI.workspace()
        defer { GateCLI.remove(root) }
        try Self.image("alpine", layers: [[.file("bin/busybox", size: 1_000)]], at: root + "/alpine.tar")
        try Self.image("nodeapp", layers: [[.file("usr/local/bin/node", size: 1_000)]], at: root + "/node.tar")
        func advice(_ tarball: String) throws -> String? {
            let json = try JSONParser.parse(try GateCLI.run(["inspect", tarball, "--format", "json"], in: root).stdout)
            let findings = json["images"]?.arrayValue?.first?["findings"]?.arrayValue ?? []
            return findings.first { $0["id"] == "no-healthcheck" }?["suggestion"]?.stringValue
        }
        let alpine = try #require(try advice("alpine.tar"))
        #expect(!alpine.contains("node"))
        #expect(alpine.contains("HEALTHCHECK CMD"))
        #expect(try advice("node.tar")?.contains("HEALTHCHECK CMD node dist/healthcheck.js") == true)
    }

    @Test func oneOfAThingIsSingular() throws {
        let root = try GateCLI.workspace()
        defer { GateCLI.remove(root) }
        try Self.image("svc", layers: [[.file("bin/sh", size: 1_000)]], at: root + "/svc.tar")
        try FileManager.default.createDirectory(atPath: root + "/Baselines", withIntermediateDirectories: true)
        let markdown = try GateCLI.run(["inspect", "svc.tar", "--format", "markdown"], in: root).stdout
        #expect(markdown.contains(" · 1 layer · 1 file\n"), "\(markdown)")
        #expect(try GateCLI.run(["check", "svc.tar"], in: root).status == 0)
        let trend = try GateCLI.run(["trend", "Reports/history", "--out", "Trend"], in: root)
        #expect(trend.status == 0, "\(trend.stderr)")
        let text = try GateCLI.read(root + "/Trend/trend.md")
        #expect(text.contains("1 measurement of 1 service"))
        #expect(text.contains(" · 1 measurement\n"))
        #expect(!text.contains("1 measurements"))
    }

    @Test func checkMarkdownAndHTMLFindingsShowTheNextStepAndCode() throws {
        let root = try GateCLI.workspace()
        defer { GateCLI.remove(root) }
        try Self.image("svc", layers: [[.file("bin/sh", size: 1_000)]], at: root + "/svc.tar")
        try FileManager.default.createDirectory(atPath: root + "/Baselines", withIntermediateDirectories: true)
        #expect(try GateCLI.run(["check", "svc.tar", "--html"], in: root).status == 0)
        let markdown = try GateCLI.read(root + "/Reports/svc.md")
        #expect(markdown.contains("- **info** the image declares no HEALTHCHECK\n  Next step: Add a `HEALTHCHECK CMD`"), "\(markdown)")
        let html = try GateCLI.read(root + "/Reports/svc.html")
        #expect(html.contains("Add a <code>HEALTHCHECK CMD</code> that asks"))
        let findings = html.components(separatedBy: "<h2>Findings</h2>").last?.components(separatedBy: "</section>").first ?? ""
        #expect(!findings.contains("`"))
    }

    @Test func devPackagesInTheTreemapHaveAColourNoLayerHas() throws {
        let finance = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/finance.tar").path
        let html = try CommandRunner.run(["inspect", finance, "--format", "html"]).stdout
        // Every <rect fill="…"><title>…</title></rect>: dev packages are labelled "(dev)".
        var devFills = Set<String>()
        var otherFills = Set<String>()
        for piece in html.components(separatedBy: "<rect ").dropFirst() {
            guard let fill = piece.components(separatedBy: "fill=\"").dropFirst().first?.components(separatedBy: "\"").first,
                let title = piece.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first
            else { continue }
            if title.contains(" (dev)") { devFills.insert(fill) } else { otherFills.insert(fill) }
        }
        #expect(!devFills.isEmpty)
        #expect(devFills.isDisjoint(with: otherFills), "\(devFills.intersection(otherFills))")
    }

    @Test func aNameClashAdvisesImageAndTheFleetRowNamesTheTag() throws {
        let root = try GateCLI.workspace()
        defer { GateCLI.remove(root) }
        let specs = ["1", "2"].map { tag in
            ImageSpec(
                tags: ["registry.example.com/team/svc:\(tag)"],
                layers: [LayerSpec([.file("app/v\(tag).bin", size: 1_000)], createdBy: "COPY v\(tag)")])
        }
        try ImageFixtureBuilder.write(specs, options: ArchiveOptions(), to: root + "/both.tar")
        try FileManager.default.createDirectory(atPath: root + "/Baselines", withIntermediateDirectories: true)
        let result = try GateCLI.run(["check", "both.tar"], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--image registry.example.com/team/svc:2"), "\(result.stderr)")
        #expect(!result.stderr.contains("separately with --name"))
        #expect(result.stdout.contains("svc (registry.example.com/team/svc:2)"), "\(result.stdout)")
    }

    @Test func skippedGrowthIsSaidOncePerFleet() throws {
        let root = try GateCLI.workspace()
        defer { GateCLI.remove(root) }
        for name in ["a", "b", "c"] { try Self.image(name, layers: [[.file("bin/\(name)", size: 1_000)]], at: root + "/\(name).tar") }
        try GateCLI.write(#"{"schemaVersion": 1, "growth": {"warn": {"bytes": "1MB"}}}"#, to: root + "/Baselines/defaults.json")
        let result = try GateCLI.run(["check", "a.tar", "b.tar", "c.tar"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").filter { $0.contains("no recorded measurement") }
        #expect(lines.count == 1)
        #expect(lines.first?.hasSuffix("(3 images: a, b, c)") == true, "\(lines)")
        // One image alone says it under its own verdict.
        let single = try GateCLI.run(["check", "a.tar"], in: root)
        #expect(single.stdout.split(separator: "\n").filter { $0.contains("no recorded measurement") }.count == 1)
        #expect(!single.stdout.contains("(1 image"))
    }
}
