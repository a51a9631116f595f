import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// `--compressed` and `--gzip-level` through the built `plimsoll` binary.
@Suite struct CompressedFlagTests {
    static let scripts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts")

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs one of the Python oracles (plimsoll itself runs through `CommandRunner`).
    static func run(_ executable: URL, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A small mixed image (uncompressed layers) and the Python zlib sizes of its layers.
    static func image(scale: Double) throws -> (URL, [String: Int64], URL) {
        let directory = try TemporaryDirectory.url("e2e")
        let image = directory.appendingPathComponent("mixed.tar")
        let python = URL(fileURLWithPath: "/usr/bin/python3")
        let made = try run(python, [scripts.appendingPathComponent("mixed_image.py").path, image.path, "--scale", String(scale)])
        try #require(made.status == 0, "\(made.stderr)")
        let sizes = try run(python, [scripts.appendingPathComponent("gzip_sizes.py").path, image.path, "--level", "9"])
        try #require(sizes.status == 0, "\(sizes.stderr)")
        var reference: [String: Int64] = [:]
        for member in try JSONParser.parse(sizes.stdout).objectValue ?? [] {
            reference[member.key] = member.value.intValue
        }
        return (image, reference, directory)
    }

    @Test func exactJSONCarriesSizesAndSources() throws {
        let (image, reference, directory) = try Self.image(scale: 0.15)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["inspect", image.path, "--format", "json", "--compressed", "exact", "--gzip-level", "9"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONParser.parse(result.stdout)
        let first = try #require(document["images"]?.arrayValue?.first)
        #expect(first["compressedBytesSource"]?.stringValue == "exact")
        #expect(first["compressedBytes"]?.intValue == reference.values.reduce(0, +))
        for layer in first["layers"]?.arrayValue ?? [] {
            #expect(layer["compressedBytesSource"]?.stringValue == "exact")
            let digest = try #require(layer["diffID"]?.stringValue).dropFirst("sha256:".count)
            #expect(layer["compressedBytes"]?.intValue == reference["\(digest)/layer.tar"])
        }
    }

    @Test func estimateStatesItsBoundInEveryFormat() throws {
        // Layers over 8 MiB, so that they are sampled rather than deflated whole.
        let (image, _, directory) = try Self.image(scale: 0.4)
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = try CommandRunner.run(["inspect", image.path, "--format", "json", "--compressed", "estimate"])
        #expect(json.status == 0)
        let first = try #require(try JSONParser.parse(json.stdout)["images"]?.arrayValue?.first)
        #expect(first["compressedBytesSource"]?.stringValue == "estimated")
        #expect((first["compressedBytesErrorBound"]?.doubleValue ?? 0) > 0)
        let markdown = try CommandRunner.run(["inspect", image.path, "--format", "markdown", "--compressed", "estimate"])
        #expect(markdown.stdout.contains("compressed, as pulled (estimated ±"))
        let table = try CommandRunner.run(["inspect", image.path, "--compressed", "estimate"])
        #expect(table.stdout.contains("(estimated ±"))
        let stored = try CommandRunner.run(["inspect", image.path])
        #expect(stored.stdout.contains("layers stored uncompressed"))
    }

    /// check keeps the estimate's error bound in its report and in the history record.
    @Test func checkKeepsTheErrorBoundInReportsAndHistory() throws {
        let (image, _, directory) = try Self.image(scale: 0.4)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inspected = try CommandRunner.run(["inspect", image.path, "--format", "json", "--compressed", "estimate"])
        let bound = try #require(try JSONParser.parse(inspected.stdout)["images"]?.arrayValue?.first?["compressedBytesErrorBound"])
        let baselines = directory.appendingPathComponent("Baselines")
        try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
        let reports = directory.appendingPathComponent("Reports")
        let check = try CommandRunner.run(["check", image.path, "--baselines", baselines.path, "--reports", reports.path, "--compressed", "estimate"])
        #expect(check.status == 0, "\(check.stderr)")
        let report = try JSONParser.parse(try String(contentsOf: reports.appendingPathComponent("mixed.json"), encoding: .utf8))
        #expect(report["measurement"]?["compressedBytesSource"] == "estimated")
        #expect(report["measurement"]?["compressedBytesErrorBound"] == bound)
        let history = reports.appendingPathComponent("history/mixed")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: history.path).first)
        let record = try JSONParser.parse(try String(contentsOf: history.appendingPathComponent(file), encoding: .utf8))
        #expect(record["compressedBytesErrorBound"] == bound)
        // The exact size has no bound: the key is there, null.
        let exact = try CommandRunner.run(["check", image.path, "--baselines", baselines.path, "--reports", reports.path, "--compressed", "exact"])
        #expect(exact.status == 0)
        let exactReport = try JSONParser.parse(try String(contentsOf: reports.appendingPathComponent("mixed.json"), encoding: .utf8))
        #expect(exactReport["measurement"]?["compressedBytesErrorBound"] == .null)
    }

    @Test(arguments: [["--gzip-level", "0", "--compressed", "exact"], ["--gzip-level", "10", "--compressed", "exact"],
                      ["--compressed", "fast"], ["--compressed", "stored", "--gzip-level", "6"]])
    func badValuesAreUsageErrors(arguments: [String]) throws {
        let result = try CommandRunner.run(["inspect", "/nonexistent.tar"] + arguments)
        #expect(result.status == 64, "\(result.stderr)")
    }
}
