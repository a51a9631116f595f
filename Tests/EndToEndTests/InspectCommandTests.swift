import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// `plimsoll inspect` through the built binary: output, formats and exit codes.
@Suite final class InspectCommandTests {
    let directory: String
    let imagePath: String
    let spec: ImageSpec

    init() throws {
        directory = NSTemporaryDirectory() + "plimsoll-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        spec = ImageSpec(
            tags: ["shop/api:2.1"],
            layers: [
                LayerSpec(entries: [.file("usr/lib/libbig.so", size: 3_500_000), .file("etc/conf", text: "a=1\n")],
                          compression: .gzip, createdBy: "/bin/sh -c #(nop) ADD file:abc in / "),
                LayerSpec(entries: [.file("app/main.js", size: 120_000), .file("usr/lib/libbig.so", size: 2_000_000)],
                          compression: .none, createdBy: "/bin/sh -c npm ci"),
            ],
            config: ConfigSpec(user: "1001", workdir: "/app"))
        imagePath = directory + "/api.tar"
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .legacy), to: imagePath)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    @Test func jsonFollowsTheDocumentedSchema() throws {
        let result = try CommandRunner.run(["inspect", imagePath, "--format", "json", "--top", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONParser.parse(result.stdout)
        #expect(document["schemaVersion"] == .int(1))
        let image = try #require(document["images"]?.arrayValue?.first)
        // Expected figures from the spec: 3,500,004 + 2,120,000 content; the first libbig.so is wasted.
        #expect(image["name"] == "shop/api:2.1")
        #expect(image["contentBytes"] == .int(3_500_004 + 2_120_000))
        #expect(image["wastedBytes"] == .int(3_500_000))
        #expect(image["finalBytes"] == .int(4 + 120_000 + 2_000_000))
        #expect(image["fileCount"] == .int(3))
        #expect(image["user"] == "1001")
        #expect(image["workdir"] == "/app")
        #expect(image["healthcheck"] == .bool(false))
        #expect(image["platform"] == "linux/amd64")
        #expect(image["compressedBytes"] == .null, "the second layer is stored uncompressed")
        let layers = try #require(image["layers"]?.arrayValue)
        #expect(layers.count == 2)
        for key in ["index", "diffID", "createdBy", "mediaType", "tarBytes", "contentBytes", "compressedBytes", "entryCount", "fileCount", "wastedBytes"] {
            #expect(layers[0][key] != nil, "layer key \(key)")
        }
        #expect(layers[0]["compressedBytes"]?.intValue ?? 0 > 0)
        #expect(layers[0]["compressedBytesSource"] == "stored")
        #expect(layers[1]["compressedBytes"] == .null)
        #expect(layers[1]["compressedBytesSource"] == "unknown")
        #expect(layers[0]["wastedBytes"] == .int(3_500_000))
        #expect(layers[1]["createdBy"] == "/bin/sh -c npm ci")
        let largest = try #require(image["largestFiles"]?.arrayValue)
        // --top shortens the table and Markdown only: the JSON keeps every file (3 here, under the 10 it keeps).
        #expect(largest.count == 3)
        #expect(largest[0]["path"] == "/usr/lib/libbig.so")
        #expect(largest[0]["sizeBytes"] == .int(2_000_000))
        #expect(largest[0]["layer"] == .int(1))
        #expect(largest[1]["path"] == "/app/main.js")
    }

    @Test func standardInputGivesTheSameAnswerAsThePath() throws {
        let fromPath = try CommandRunner.run(["inspect", imagePath, "--format", "json"])
        let fromFile = try CommandRunner.run(["inspect", "-", "--format", "json"], input: .file(imagePath))
        let fromPipe = try CommandRunner.run(["inspect", "-", "--format", "json"], input: .pipe(imagePath))
        #expect(fromFile.status == 0 && fromPipe.status == 0, "\(fromFile.stderr) \(fromPipe.stderr)")
        func withoutInput(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"input\"") }.joined(separator: "\n")
        }
        #expect(withoutInput(fromFile.stdout) == withoutInput(fromPath.stdout))
        #expect(withoutInput(fromPipe.stdout) == withoutInput(fromPath.stdout))
    }

    @Test func tableUsesDecimalUnitsUnlessAskedForBinary() throws {
        let table = try CommandRunner.run(["inspect", imagePath])
        #expect(table.status == 0)
        #expect(table.stdout.contains("5.62 MB"), "content 5,620,004 bytes in decimal units")
        #expect(table.stdout.contains("5,620,004 bytes"))
        #expect(table.stdout.contains("RUN npm ci"))
        let binary = try CommandRunner.run(["inspect", imagePath, "--binary"])
        #expect(binary.stdout.contains("5.36 MiB"), "5,620,004 / 1,048,576 = 5.36")
        let markdown = try CommandRunner.run(["inspect", imagePath, "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("## Image `shop/api:2.1`"))
        #expect(markdown.stdout.contains("| 1 | 2.12 MB |"))
    }

    @Test func exitCodes() throws {
        let broken = directory + "/broken.tar"
        try Data("not a tarball at all, just text that is long enough to be read".utf8).write(to: URL(fileURLWithPath: broken))
        let mixed = try CommandRunner.run(["inspect", imagePath, broken, "--format", "json"])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("plimsoll: error: \(broken): not a tar archive"))
        let document = try JSONParser.parse(mixed.stdout)
        #expect(document["images"]?.arrayValue?.count == 1, "the readable image is still reported")

        #expect(try CommandRunner.run(["inspect"]).status == 64)
        #expect(try CommandRunner.run(["inspect", imagePath, "--format", "yaml"]).status == 64)
        #expect(try CommandRunner.run(["inspect", imagePath, "--platform", "linux"]).status == 64)
        #expect(try CommandRunner.run(["inspect", imagePath, "--no-such-flag"]).status == 64)
        let wrongPlatform = try CommandRunner.run(["inspect", imagePath, "--platform", "linux/arm64"])
        #expect(wrongPlatform.status == 2)
        #expect(wrongPlatform.stderr.contains("available: linux/amd64"))
    }
}
