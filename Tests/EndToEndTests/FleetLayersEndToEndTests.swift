import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// Layers shared by diff_id across the images of one run, through the built binary: `check`'s
/// summary.json and fleet table, `inspect`'s JSON and text. Every expected figure comes from the
/// fixture specs (content bytes) and the builder's written blobs (compressed bytes).
@Suite struct FleetLayersEndToEndTests {
    /// The same layer spec in two images gives the same tar, so the same diff_id.
    static let base = LayerSpec(
        [.file("etc/os-release", size: 2_000), .file("lib/libc.so.6", size: 380_000), .file("bin/sh", size: 118_000)],
        compression: .gzip, createdBy: "ADD rootfs.tar /")
    static let runtime = LayerSpec([.file("usr/local/bin/node", size: 240_000)], compression: .gzip, createdBy: "COPY node /usr/local/bin/")

    struct Fleet {
        var root: String
        /// name -> spec, and name -> the blobs the builder wrote (blobDigest, blobSize).
        var specs: [(name: String, spec: ImageSpec)] = []
        var blobs: [String: [(digest: String, diffID: String, size: Int64)]] = [:]

        init(_ images: [(String, [LayerSpec])], tags: [String: String] = [:]) throws {
            root = try GateCLI.workspace()
            for (name, layers) in images {
                let spec = ImageSpec(tags: [tags[name] ?? "registry.example.com/team/\(name):1.0"], layers: layers)
                let written = try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .docker25), to: root + "/\(name).tar")
                specs.append((name, spec))
                blobs[name] = written.images[0].layers.map { ($0.blobDigest, $0.diffID, $0.blobSize) }
            }
            try GateCLI.write(#"{"schemaVersion": 1, "limits": {"warn": "100MB"}}"#, to: root + "/Baselines/defaults.json")
        }

        func json(_ relative: String) throws -> JSONValue { try JSONParser.parse(try GateCLI.read(root + "/" + relative)) }

        /// Compressed bytes with every distinct blob once, and the plain sum.
        var compressed: (deduplicated: Int64, sum: Int64) {
            var seen = Set<String>()
            var deduplicated: Int64 = 0
            var sum: Int64 = 0
            for (name, _) in specs {
                for blob in blobs[name] ?? [] {
                    sum += blob.size
                    if seen.insert(blob.digest).inserted { deduplicated += blob.size }
                }
            }
            return (deduplicated, sum)
        }
    }

    static func app(_ path: String, _ size: Int64) -> LayerSpec {
        LayerSpec([.file(path, size: size)], compression: .gzip, createdBy: "COPY \(path) /app/")
    }

    /// api: base + runtime + 30 kB; worker: base + runtime + 270 kB; cron: base + 40 kB.
    static func sharedFleet() throws -> Fleet {
        try Fleet([
            ("api", [base, runtime, app("app/api.js", 30_000)]),
            ("worker", [base, runtime, app("app/worker.js", 70_000), app("app/model.bin", 200_000)]),
            ("cron", [base, app("app/cron.js", 40_000)]),
        ])
    }

    @Test func checkReportsUniqueSharedAndDeduplicatedBytes() throws {
        let fleet = try Self.sharedFleet()
        defer { GateCLI.remove(fleet.root) }
        // The premise: the builder wrote one base blob, whatever image it went into.
        #expect(Set(fleet.blobs.values.map { $0[0].diffID }).count == 1)
        let result = try GateCLI.run(["check", "api.tar", "worker.tar", "cron.tar"], in: fleet.root)
        #expect(result.status == 0, "\(result.stderr)")

        let baseBytes = Self.base.contentBytes
        let runtimeBytes = Self.runtime.contentBytes
        #expect(baseBytes == 500_000 && runtimeBytes == 240_000)
        let unique: [String: Int64] = ["api": 30_000, "worker": 270_000, "cron": 40_000]
        let shared: [String: Int64] = ["api": baseBytes + runtimeBytes, "worker": baseBytes + runtimeBytes, "cron": baseBytes]
        let sum = fleet.specs.reduce(Int64(0)) { $0 + $1.spec.contentBytes }
        let deduplicated = baseBytes + runtimeBytes + 30_000 + 270_000 + 40_000

        let summary = try fleet.json("Reports/summary.json")
        let layers = try #require(summary["fleet"])
        #expect(layers["imageCount"]?.intValue == 3)
        #expect(layers["sharedLayerCount"]?.intValue == 2)
        #expect(layers["contentBytes"]?.intValue == sum)
        #expect(layers["deduplicatedContentBytes"]?.intValue == deduplicated)
        #expect(layers["compressedBytes"]?.intValue == fleet.compressed.sum)
        #expect(layers["deduplicatedCompressedBytes"]?.intValue == fleet.compressed.deduplicated)
        #expect(fleet.compressed.deduplicated < fleet.compressed.sum)
        #expect(layers["compressedBytesSource"] == "stored")
        for image in layers["images"]?.arrayValue ?? [] {
            let name = try #require(image["name"]?.stringValue)
            #expect(image["uniqueBytes"]?.intValue == unique[name], "\(name)")
            #expect(image["sharedBytes"]?.intValue == shared[name], "\(name)")
        }
        #expect(layers["images"]?.arrayValue?.count == 3)
        // The plain sum is the total the fleet table already shows (no ignorePaths here).
        #expect(summary["totals"]?["totalBytes"]?.intValue == sum)

        // The fleet table: unique and shared after each size, then the shared-layers line.
        let table = result.stdout.components(separatedBy: "\nservice ").last ?? ""
        let rows = table.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.first?.prefix(3) == ["size", "unique", "shared"])
        #expect(rows.first { $0.first == "worker" }?.prefix(7) == ["worker", "1.01", "MB", "270", "kB", "740", "kB"])
        #expect(rows.first { $0.first == "cron" }?.prefix(7) == ["cron", "540", "kB", "40", "kB", "500", "kB"])
        #expect(result.stdout.contains("Layers shared by diff_id: 2, counted once: 1.08 MB content (plain sum 2.32 MB), "))
        let markdown = try GateCLI.read(fleet.root + "/Reports/summary.md")
        #expect(markdown.contains("| service | size | unique | shared |"))
        #expect(markdown.contains("\n\nLayers shared by diff_id: 2, counted once: 1.08 MB content (plain sum 2.32 MB), "))
    }

    @Test func theStepSummaryCarriesTheSharedLayers() throws {
        let fleet = try Self.sharedFleet()
        defer { GateCLI.remove(fleet.root) }
        let stepSummary = fleet.root + "/step-summary.md"
        let result = try GateCLI.run(
            ["check", "api.tar", "worker.tar", "cron.tar"], in: fleet.root,
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": stepSummary])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try GateCLI.read(stepSummary)
        #expect(text.contains("Layers shared by diff_id: 2, counted once: 1.08 MB content (plain sum 2.32 MB)"))
        #expect(text.contains("| `worker` | 1.01 MB | 270 kB | 740 kB |"))
    }

    @Test func aFleetThatSharesNothingDeduplicatesToItsSum() throws {
        let fleet = try Fleet([("one", [Self.app("app/one.bin", 310_000)]), ("two", [Self.app("app/two.bin", 120_000)])])
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(["check", "one.tar", "two.tar"], in: fleet.root)
        #expect(result.status == 0, "\(result.stderr)")
        let layers = try #require(try fleet.json("Reports/summary.json")["fleet"])
        #expect(layers["sharedLayerCount"]?.intValue == 0)
        #expect(layers["contentBytes"]?.intValue == 430_000)
        #expect(layers["deduplicatedContentBytes"]?.intValue == 430_000)
        #expect(layers["deduplicatedCompressedBytes"]?.intValue == fleet.compressed.sum)
        #expect(layers["images"]?.arrayValue?.map { $0["sharedBytes"]?.intValue } == [0, 0])
        #expect(layers["images"]?.arrayValue?.map { $0["uniqueBytes"]?.intValue } == [310_000, 120_000])
        #expect(result.stdout.contains("Layers shared by diff_id: 0, counted once: 430 kB content (plain sum 430 kB)"))
    }

    @Test func oneImageHasNoFleetFigures() throws {
        let fleet = try Fleet([("one", [Self.base])])
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(["check", "one.tar"], in: fleet.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try fleet.json("Reports/summary.json")["fleet"]?.isNull == true)
        #expect(!result.stdout.contains("Layers shared"))
        let inspect = try GateCLI.run(["inspect", "one.tar", "--format", "json"], in: fleet.root)
        #expect(try JSONParser.parse(inspect.stdout)["fleet"]?.isNull == true)
    }

    @Test func theSameImageUnderTwoNamesSharesEveryLayer() throws {
        let layers = [Self.base, Self.app("app/main.js", 60_000)]
        let fleet = try Fleet([("blue", layers), ("green", layers)])
        defer { GateCLI.remove(fleet.root) }
        let content = Self.base.contentBytes + 60_000
        let result = try GateCLI.run(["check", "blue.tar", "green.tar"], in: fleet.root)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try fleet.json("Reports/summary.json")["fleet"])
        #expect(summary["deduplicatedContentBytes"]?.intValue == content)
        #expect(summary["contentBytes"]?.intValue == 2 * content)
        #expect(summary["images"]?.arrayValue?.map { $0["uniqueBytes"]?.intValue } == [0, 0])
        #expect(summary["images"]?.arrayValue?.map { $0["sharedBytes"]?.intValue } == [content, content])
        // inspect of one tarball given twice: the very same image.
        let inspect = try GateCLI.run(["inspect", "blue.tar", "blue.tar", "--format", "json"], in: fleet.root)
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let json = try JSONParser.parse(inspect.stdout)
        #expect(json["fleet"]?["deduplicatedContentBytes"]?.intValue == content)
        #expect(json["fleet"]?["deduplicatedCompressedBytes"]?.intValue == fleet.blobs["blue"]?.reduce(0) { $0 + $1.size })
        #expect(json["fleet"]?["sharedLayerCount"]?.intValue == 2)
    }

    @Test func inspectOfSeveralImagesEndsWithTheFleet() throws {
        let fleet = try Self.sharedFleet()
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(["inspect", "api.tar", "worker.tar", "cron.tar", "--format", "json"], in: fleet.root)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONParser.parse(result.stdout)
        #expect(json["images"]?.arrayValue?.count == 3)
        let layers = try #require(json["fleet"])
        #expect(layers["deduplicatedContentBytes"]?.intValue == Self.base.contentBytes + Self.runtime.contentBytes + 340_000)
        #expect(layers["contentBytes"]?.intValue == fleet.specs.reduce(Int64(0)) { $0 + $1.spec.contentBytes })
        #expect(layers["deduplicatedCompressedBytes"]?.intValue == fleet.compressed.deduplicated)
        #expect(layers["images"]?.arrayValue?.map { $0["input"]?.stringValue } == ["api.tar", "worker.tar", "cron.tar"])
        #expect(layers["images"]?.arrayValue?.map { $0["uniqueBytes"]?.intValue } == [30_000, 270_000, 40_000])

        let text = try GateCLI.run(["inspect", "api.tar", "worker.tar", "cron.tar"], in: fleet.root)
        let tail = text.stdout.components(separatedBy: "\nFleet: 3 images\n").last ?? ""
        let cron = tail.split(separator: "\n").first { $0.contains("team/cron:1.0") }
        #expect(cron?.split(separator: " ").map(String.init) == ["registry.example.com/team/cron:1.0", "540", "kB", "40", "kB", "500", "kB", "1"])
        #expect(tail.contains("Layers shared by diff_id: 2, counted once: 1.08 MB content (plain sum 2.32 MB)"))
        let markdown = try GateCLI.run(["inspect", "api.tar", "worker.tar", "cron.tar", "--format", "markdown"], in: fleet.root)
        #expect(markdown.stdout.contains("### Fleet: 3 images"))
        #expect(markdown.stdout.contains("| `registry.example.com/team/worker:1.0` | 1.01 MB | 270 kB | 740 kB | 2 |"))
    }
}
