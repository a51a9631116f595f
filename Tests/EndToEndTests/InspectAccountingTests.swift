import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// The built `plimsoll` binary on a real NestJS tarball: `inspect --format json` reports every
/// category with the bytes the fixture's spec declares; `--rules` extends and validates.
@Suite struct InspectAccountingTests {
    /// The `plimsoll` executable beside the test bundle (`swift build` puts both in one directory).
    static var binary: String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [here, here.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("plimsoll").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return here.appendingPathComponent("plimsoll").path
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    static func scratch() throws -> String {
        let directory = NSTemporaryDirectory() + "plimsoll-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func nestServiceCategoriesInJSON() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fixture = NestServiceFixture.make()
        let tarball = directory + "/orders.tar"
        _ = try ImageFixtureBuilder.write([fixture.image], options: ArchiveOptions(layout: .docker25), to: tarball)
        let result = try Self.run(["inspect", tarball, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONParser.parse(result.stdout)
        let image = try #require(document["images"]?.arrayValue?.first)
        let categories = try #require(image["categories"]?.arrayValue)
        let expected = try fixture.expectedTotals()
        let order = ["ml-libraries", "dev-dependencies", "node-modules", "os-packages", "caches-and-leftovers", "app", "other", "wasted"]
        #expect(categories.compactMap { $0["name"]?.stringValue } == order)
        for category in categories {
            let name = category["name"]?.stringValue ?? "?"
            #expect(category["bytes"]?.intValue == expected[name]?.bytes ?? 0, "\(name) bytes")
            #expect(category["fileCount"]?.intValue == Int64(expected[name]?.files ?? 0), "\(name) files")
        }
        let sum = categories.compactMap { $0["bytes"]?.intValue }.reduce(0, +)
        #expect(sum == image["contentBytes"]?.intValue)
        #expect(sum == fixture.image.contentBytes)
        // The keys the issue names, on packages and findings.
        let packages = try #require(image["packages"]?.arrayValue)
        let tfjs = try #require(packages.first { $0["name"]?.stringValue == "@tensorflow/tfjs-node" })
        #expect(tfjs["ecosystem"]?.stringValue == "npm")
        #expect(tfjs["version"]?.stringValue == "4.17.0")
        #expect(tfjs["scope"]?.stringValue == "prod")
        #expect(tfjs["paths"]?.arrayValue?.count == 1)
        #expect(tfjs["sizeBytes"]?.intValue ?? 0 > 3_400_000)
        #expect(tfjs["fileCount"]?.intValue == 5)
        #expect(packages.contains { $0["ecosystem"]?.stringValue == "deb" && $0["name"]?.stringValue == "bash" && $0["scope"] == .null })
        let findings = try #require(image["findings"]?.arrayValue)
        let dev = try #require(findings.first { $0["id"]?.stringValue == "dev-dependencies-shipped" })
        #expect(dev["severity"]?.stringValue == "warning")
        #expect(dev["bytes"]?.intValue == expected["dev-dependencies"]?.bytes)
        #expect(dev["message"]?.stringValue?.contains("pnpm installed devDependencies: yes") == true)
        #expect(dev["suggestion"]?.stringValue?.isEmpty == false)
        #expect(findings.contains { $0["id"]?.stringValue == "runs-as-root" })
        // The reader's keys are still there.
        for key in ["name", "contentBytes", "finalBytes", "wastedBytes", "layers", "largestFiles", "notes"] {
            #expect(image[key] != nil, "\(key)")
        }
    }

    @Test func tableAndMarkdownShowTheLedger() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tarball = directory + "/orders.tar"
        _ = try ImageFixtureBuilder.write([NestServiceFixture.make().image], options: ArchiveOptions(), to: tarball)
        let table = try Self.run(["inspect", tarball, "--top", "3"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("\nCategories\n"))
        #expect(table.stdout.contains("dev-dependencies"))
        #expect(table.stdout.contains("Largest packages"))
        #expect(table.stdout.contains("@tensorflow/tfjs-node@4.17.0"))
        #expect(table.stdout.contains("pnpm installed devDependencies: yes"))
        #expect(table.stdout.contains("\nFindings\n"))
        let packageLines = table.stdout.components(separatedBy: "Largest packages")[1].components(separatedBy: "\n\n")[0]
            .split(separator: "\n").dropFirst(2)
        #expect(packageLines.count == 3, "--top 3 lists three packages")
        let markdown = try Self.run(["inspect", tarball, "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("### Where the bytes go"))
        #expect(markdown.stdout.contains("### Findings"))
        #expect(!markdown.stdout.contains(directory), "no path of this machine in a report")
    }

    @Test func rulesFileExtendsAndIsValidated() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tarball = directory + "/orders.tar"
        _ = try ImageFixtureBuilder.write([NestServiceFixture.make().image], options: ArchiveOptions(), to: tarball)
        // Claim the yarn the node image ships as a leftover: "other" shrinks by its bytes.
        let rules = directory + "/rules.json"
        try #"{"version": 1, "rules": [{"category": "caches-and-leftovers", "name": "bundled yarn", "paths": ["/opt/yarn-*/"]}]}"#
            .write(toFile: rules, atomically: true, encoding: .utf8)
        let plain = try JSONParser.parse(try Self.run(["inspect", tarball, "--format", "json"]).stdout)
        let extended = try JSONParser.parse(try Self.run(["inspect", tarball, "--format", "json", "--rules", rules]).stdout)
        func bytes(_ document: JSONValue, _ name: String) -> Int64 {
            document["images"]?.arrayValue?.first?["categories"]?.arrayValue?.first { $0["name"]?.stringValue == name }?["bytes"]?.intValue ?? -1
        }
        let yarnBytes = Int64(50_000 + NestServiceFixture.manifest("yarn", "1.22.19").utf8.count)
        #expect(bytes(extended, "other") == bytes(plain, "other") - yarnBytes)
        #expect(bytes(extended, "caches-and-leftovers") == bytes(plain, "caches-and-leftovers") + yarnBytes)

        let bad = directory + "/bad.json"
        try #"{"version": 1, "rules": [{"category": "ml-libraries", "name": "x", "globs": ["/x"]}]}"#
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let failed = try Self.run(["inspect", tarball, "--rules", bad])
        #expect(failed.status == 2)
        #expect(failed.stderr.hasPrefix("plimsoll: error: \(bad): rules[0]: unknown key 'globs'"))
        #expect(failed.stdout.isEmpty)
        let missing = try Self.run(["inspect", tarball, "--rules", directory + "/absent.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("absent.json: cannot read the rules file"))
    }
}
