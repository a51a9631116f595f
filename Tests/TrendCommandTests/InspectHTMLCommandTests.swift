import Foundation
import PlimsollTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `plimsoll inspect --format html` through the built binary.
@Suite struct InspectHTMLCommandTests {
    static let megabyte: Int64 = 1_000_000

    static func spec(tag: String) -> ImageSpec {
        ImageSpec(tags: [tag], layers: [
            LayerSpec([.dir("usr/"), .dir("usr/lib/"), .file("usr/lib/libbig.so", size: 40 * megabyte), .file("etc-release", size: 700)],
                compression: .gzip, createdBy: "/bin/sh -c #(nop) ADD file:abc in / "),
            LayerSpec([.dir("app/"), .file("app/main.js", size: 3 * megabyte), .whiteout("usr/lib/libbig.so")],
                compression: .gzip, createdBy: "/bin/sh -c rm /usr/lib/libbig.so"),
        ])
    }

    static func temporaryDirectory() throws -> URL { try TemporaryDirectory.url("plimsoll-html") }

    @Test func onePageOnStandardOutput() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tarball = directory.appendingPathComponent("app.tar").path
        _ = try ImageFixtureBuilder.write([Self.spec(tag: "app:1")], options: ArchiveOptions(layout: .docker25), to: tarball)
        let result = try CommandRunner.run(["inspect", tarball, "--format", "html"])
        #expect(result.status == 0, "\(result.stderr)")
        let parser = XMLParser(data: Data(result.stdout.utf8))
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
        // Content 43,000,700 bytes: 40 MB deleted by layer 1 is wasted, 3,000,700 bytes remain.
        #expect(result.stdout.contains("title=\"43,000,700 bytes\">43 MB</div>"))
        #expect(result.stdout.contains("title=\"40,000,000 bytes\">40 MB</div>"))
        #expect(result.stdout.contains("layer 0: copies overwritten or deleted by later layers\n40 MB (40,000,000 bytes, 93% of the image)"))
        #expect(!result.stdout.contains(directory.path))
        // The accountant ran: the bar is by category, and its wasted share is the 40 MB deleted.
        #expect(result.stdout.contains("Where the bytes are, by category"))
        #expect(result.stdout.contains("wasted <b title=\"40,000,000 bytes\">40 MB</b>"))
        // Not a terminal: no progress bar on standard error.
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func severalImagesNeedAnOutputDirectory() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tarball = directory.appendingPathComponent("two.tar").path
        _ = try ImageFixtureBuilder.write(
            [Self.spec(tag: "registry.example.com/app:1"), Self.spec(tag: "worker:2")], options: ArchiveOptions(layout: .legacy), to: tarball)
        let refused = try CommandRunner.run(["inspect", tarball, "--format", "html"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("holds 2 images"))
        #expect(refused.stdout.isEmpty)

        let out = directory.appendingPathComponent("pages").path
        let written = try CommandRunner.run(["inspect", tarball, "--format", "html", "--out", out])
        #expect(written.status == 0, "\(written.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["registry.example.com-app-1.html", "worker-2.html"])
        #expect(written.stdout.split(separator: "\n").map(String.init) == names.map { out + "/" + $0 })

        let misuse = try CommandRunner.run(["inspect", tarball, "--out", out])
        #expect(misuse.status == 64)
    }
}

/// The progress bar: drawn on a terminal, never on a pipe, in CI or with --quiet.
@Suite struct ProgressBarCommandTests {
    /// Runs plimsoll under a pseudo-terminal with util-linux `script`; nil when it is not installed.
    static func onTerminal(_ arguments: [String], ci: Bool) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return nil }
        let binary = CommandRunner.productsDirectory.appendingPathComponent("plimsoll").path
        let command = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ") + " > /dev/null"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = ci ? "true" : nil
        environment["TERM"] = "xterm"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func onlyOnATerminalOutsideCI() throws {
        let directory = try InspectHTMLCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tarball = directory.appendingPathComponent("app.tar").path
        _ = try ImageFixtureBuilder.write([InspectHTMLCommandTests.spec(tag: "app:1")], options: ArchiveOptions(layout: .legacy), to: tarball)

        // On a pipe (as here), standard error carries no bar.
        let piped = try CommandRunner.run(["inspect", tarball], environment: ["CI": ""])
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty)

        guard let shown = try Self.onTerminal(["inspect", tarball], ci: false) else { return }
        // The final state is cleared, so look for the bar's text among the redraws.
        #expect(shown.contains("app.tar  "))
        #expect(shown.contains("%  "))
        let quiet = try Self.onTerminal(["inspect", tarball, "--quiet"], ci: false)
        #expect(quiet?.contains("app.tar  ") == false)
        let inCI = try Self.onTerminal(["inspect", tarball], ci: true)
        #expect(inCI?.contains("app.tar  ") == false)
    }
}
