import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// The savings plan through the built binary: on an image whose spec says which fix removes each
/// file (and each layer's wasted bytes), every step's bytes and projected size equal a computation
/// over the spec's merged file list; check compares the projection with the baseline's target.
@Suite struct SavingsPlanTests {
    /// The plan's order (Docs/accounting.md, "The savings plan"); the fixture has something for
    /// every fix but `avoid-rewriting-layers`.
    static let order = [
        "remove-caches-and-leftovers", "set-ownership-when-copying", "delete-in-the-same-step", "prune-dev-dependencies",
        "strip-node-modules-extras", "drop-duplicate-copies", "drop-build-toolchain", "move-ml-libraries",
    ]
    /// One content at three paths (2 MiB, over the 1 MiB threshold of duplicate files): the copy
    /// in the lowest layer stays, the dev dependency's copy goes with the dev dependencies (the
    /// earlier fix), and the third with the duplicate copies.
    static let model = FileContent.pseudoRandom(seed: 42)
    static let modelBytes: Int64 = 2 * 1_048_576

    /// One file of the spec and the fix that must remove it (nil: the plan keeps it).
    struct PlannedFile {
        /// As the reference merge names it (no leading slash).
        var path: String
        var entry: EntrySpec
        var removedBy: String?
        init(_ path: String, _ size: Int64, _ removedBy: String?) {
            self.path = path
            entry = .file(path, size: size)
            self.removedBy = removedBy
        }
        init(_ path: String, _ size: Int64, content: FileContent, _ removedBy: String?) {
            self.path = path
            entry = .file(path, size: size, content: content)
            self.removedBy = removedBy
        }
        init(_ path: String, text: String, _ removedBy: String?) {
            self.path = path
            entry = .file(path, text: text)
            self.removedBy = removedBy
        }
    }

    /// The image, which fix removes each final file, and which fix removes each layer's wasted bytes.
    struct Fixture {
        var image: ImageSpec
        var removedBy: [String: String?]
        var wasteRemovedBy: [Int: String]

        init(compression: LayerBlobCompression = .none) {
            let status = [("bash", "5.2.15-2"), ("gcc-12", "12.2.0-14"), ("libtensorflow-dev", "2.15.0-1")].map {
                "Package: \($0.0)\nStatus: install ok installed\nArchitecture: amd64\nVersion: \($0.1)\n"
            }.joined(separator: "\n")
            let base: [PlannedFile] = [
                PlannedFile("var/lib/dpkg/status", text: status + "\n", nil),
                PlannedFile("var/lib/dpkg/info/bash.list", text: "/.\n/usr/bin/bash\n", nil),
                PlannedFile("var/lib/dpkg/info/gcc-12.list", text: "/.\n/usr/bin/gcc-12\n/usr/lib/gcc/x86_64-linux-gnu/12/cc1\n", nil),
                PlannedFile(
                    "var/lib/dpkg/info/libtensorflow-dev.list", text: "/.\n/usr/lib/libtensorflow.so.2\n/usr/include/tensorflow/c_api.h\n",
                    nil),
                PlannedFile("usr/bin/bash", 12_000, nil),
                PlannedFile("usr/bin/gcc-12", 40_000, "drop-build-toolchain"),
                PlannedFile("usr/lib/gcc/x86_64-linux-gnu/12/cc1", 60_000, "drop-build-toolchain"),
                // Claimed by two fixes: an ML library (path rule) in a -dev package; the toolchain comes first.
                PlannedFile("usr/lib/libtensorflow.so.2", 300_000, "drop-build-toolchain"),
                PlannedFile("usr/include/tensorflow/c_api.h", 5_000, "drop-build-toolchain"),
                PlannedFile("var/lib/apt/lists/deb.debian.org_dists_bookworm_Packages", 90_000, "remove-caches-and-leftovers"),
                PlannedFile("var/cache/apt/pkgcache.bin", 25_000, "remove-caches-and-leftovers"),
                PlannedFile("etc/hostname", 13, nil),
                PlannedFile("srv/models/encoder.bin", SavingsPlanTests.modelBytes, content: SavingsPlanTests.model, nil),
            ]
            let manifest = { (name: String, dependencies: [String], dev: [String]) in
                NestServiceFixture.manifest(name, "1.0.0", dependencies: dependencies, devDependencies: dev)
            }
            let install: [PlannedFile] = [
                PlannedFile("app/package.json", text: manifest("ledger", ["left-pad", "onnxruntime-node"], ["jest"]), nil),
                PlannedFile("app/node_modules/left-pad/package.json", text: manifest("left-pad", [], []), nil),
                PlannedFile("app/node_modules/left-pad/index.js", 2_000, nil),
                PlannedFile("app/node_modules/left-pad/README.md", 3_000, "strip-node-modules-extras"),
                PlannedFile("app/node_modules/jest/package.json", text: manifest("jest", [], []), "prune-dev-dependencies"),
                PlannedFile("app/node_modules/jest/index.js", 20_000, "prune-dev-dependencies"),
                // Claimed by two fixes: a doc inside a dev dependency; pruning comes first.
                PlannedFile("app/node_modules/jest/README.md", 4_000, "prune-dev-dependencies"),
                // A duplicate copy inside a dev dependency: pruning comes first.
                PlannedFile(
                    "app/node_modules/jest/vendor/encoder.bin", SavingsPlanTests.modelBytes, content: SavingsPlanTests.model,
                    "prune-dev-dependencies"),
                PlannedFile(
                    "app/node_modules/onnxruntime-node/package.json", text: manifest("onnxruntime-node", [], []), "move-ml-libraries"),
                PlannedFile("app/node_modules/onnxruntime-node/bin/onnxruntime_binding.node", 200_000, "move-ml-libraries"),
                PlannedFile("root/.npm/_cacache/content-v2/sha512/ab/cd", 50_000, "remove-caches-and-leftovers"),
                PlannedFile("tmp/build/objects.o", 70_000, nil),
            ]
            let layers: [(String, [PlannedFile], [EntrySpec])] = [
                ("/bin/sh -c #(nop) ADD file:debian.tar.xz in /", base, []),
                ("RUN /bin/sh -c npm ci && make -C /tmp/build", install, []),
                (
                    "COPY dist /app/dist # buildkit",
                    [
                        PlannedFile("app/dist/main.js", 30_000, nil),
                        PlannedFile("srv/cache-copy/encoder.bin", SavingsPlanTests.modelBytes, content: SavingsPlanTests.model, "drop-duplicate-copies"),
                    ], []
                ),
                ("RUN /bin/sh -c rm -rf /tmp/build", [], [.whiteout("tmp/build")]),
                ("RUN /bin/sh -c chown -R 1001:1001 /app/dist", [PlannedFile("app/dist/main.js", 30_000, nil)], []),
            ]
            var removedBy: [String: String?] = [:]
            for (_, files, _) in layers {
                for file in files { removedBy[file.path] = file.removedBy }
            }
            image = ImageSpec(
                tags: ["registry.example.com/team/ledger:1.0"],
                layers: layers.map { LayerSpec($0.1.map(\.entry) + $0.2, compression: compression, createdBy: $0.0) },
                config: ConfigSpec(user: "1001", workdir: "/app"))
            self.removedBy = removedBy
            // Layer 1's build objects are deleted by layer 3's rm; layer 2's main.js is rewritten by layer 4's chown.
            wasteRemovedBy = [1: "delete-in-the-same-step", 2: "set-ownership-when-copying"]
        }

        /// Per fix id: the bytes the spec says it removes, from the reference merge.
        func expectedRemoved() -> [String: Int64] {
            let merged = ExpectedFilesystem.merge(image.layers)
            var removed: [String: Int64] = [:]
            for (path, file) in merged.entries where file.kind == .regular {
                if let fix = removedBy[path] ?? nil { removed[fix, default: 0] += file.size }
            }
            for (layer, fix) in wasteRemovedBy { removed[fix, default: 0] += merged.wastedBytes[layer] }
            return removed
        }

        /// The content size once the fixes in `applied` are made: sizes of the final files no
        /// applied fix removes, plus the wasted bytes no applied fix removes.
        func projected(after applied: Set<String>) -> Int64 {
            let merged = ExpectedFilesystem.merge(image.layers)
            var total: Int64 = 0
            for (path, file) in merged.entries where file.kind == .regular {
                if let fix = removedBy[path] ?? nil, applied.contains(fix) { continue }
                total += file.size
            }
            for (layer, wasted) in merged.wastedBytes.enumerated() {
                if let fix = wasteRemovedBy[layer], applied.contains(fix) { continue }
                total += wasted
            }
            return total
        }
    }

    static func image(_ tarball: String, in directory: String) throws -> JSONValue {
        let result = try CommandRunner.run(["inspect", tarball, "--format", "json"], directory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONParser.parse(result.stdout)
        return try #require(document["images"]?.arrayValue?.first)
    }

    @Test func everyStepRemovesWhatTheSpecSays() throws {
        let directory = try TemporaryDirectory.make("plimsoll-plan")
        defer { TemporaryDirectory.remove(directory) }
        let fixture = Fixture()
        _ = try ImageFixtureBuilder.write([fixture.image], options: ArchiveOptions(), to: directory + "/ledger.tar")
        let image = try Self.image("ledger.tar", in: directory)
        let plan = try #require(image["savingsPlan"])
        let steps = try #require(plan["steps"]?.arrayValue)
        #expect(steps.compactMap { $0["id"]?.stringValue } == Self.order)
        let removed = fixture.expectedRemoved()
        var applied: Set<String> = []
        for (index, step) in steps.enumerated() {
            let id = step["id"]?.stringValue ?? "?"
            applied.insert(id)
            #expect(step["order"]?.intValue == Int64(index + 1))
            #expect(step["removedBytes"]?.intValue == removed[id], "\(id) bytes")
            #expect(step["projectedBytes"]?.intValue == fixture.projected(after: applied), "\(id) projection")
            #expect(step["nextSteps"]?.arrayValue?.isEmpty == false, "\(id) has a next step")
            // Uncompressed layers: no compressed size to project.
            #expect(step["projectedCompressedBytes"] == .null)
        }
        let wastedOnly = steps.filter { ["set-ownership-when-copying", "delete-in-the-same-step"].contains($0["id"]?.stringValue ?? "") }
        for step in wastedOnly {
            #expect(step["removedFiles"]?.intValue == 0, "a wasted-bytes fix removes no final file")
            #expect(step["removedWastedBytes"]?.intValue == step["removedBytes"]?.intValue)
        }
        let chown = try #require(steps.first { $0["id"] == "set-ownership-when-copying" })
        #expect(chown["nextSteps"]?.arrayValue?.first?.stringValue?.contains("COPY --chown") == true)
        #expect(plan["contentBytes"]?.intValue == fixture.image.contentBytes)
        #expect(plan["projectedBytes"]?.intValue == fixture.projected(after: Set(Self.order)))
        #expect(plan["removedBytes"]?.intValue == removed.values.reduce(0, +))
        // What remains, by category, sums to the projection.
        let remaining = try #require(plan["remaining"]?.arrayValue)
        #expect(remaining.compactMap { $0["bytes"]?.intValue }.reduce(0, +) == plan["projectedBytes"]?.intValue)
        // The toolchain finding holds every byte of gcc-12 and libtensorflow-dev, the ML library included.
        let toolchain = try #require(image["findings"]?.arrayValue?.first { $0["id"] == "build-toolchain-shipped" })
        let toolchainBytes: Int64 = 40_000 + 60_000 + 300_000 + 5_000
        #expect(toolchain["bytes"]?.intValue == toolchainBytes)
    }

    @Test func everyInspectFormatShowsThePlan() throws {
        let directory = try TemporaryDirectory.make("plimsoll-plan")
        defer { TemporaryDirectory.remove(directory) }
        _ = try ImageFixtureBuilder.write([Fixture().image], options: ArchiveOptions(), to: directory + "/ledger.tar")
        let sentence = "the \(Self.order.count) fixes below bring it to"
        for (format, heading) in [("table", "\nSavings plan\n"), ("markdown", "### Savings plan"), ("html", "<h2>Savings plan</h2>")] {
            let result = try CommandRunner.run(["inspect", "ledger.tar", "--format", format], directory: directory)
            #expect(result.status == 0, "\(result.stderr)")
            let section = try #require(result.stdout.components(separatedBy: heading).dropFirst().first, "\(format)")
            #expect(section.contains(sentence), "\(format)")
            // inspect reads no baseline, so it names no target.
            #expect(!section.prefix(400).contains("target"), "\(format)")
            var position = section.startIndex
            for id in Self.order {
                let found = try #require(section.range(of: id, range: position..<section.endIndex), "\(format): \(id) in order")
                position = found.upperBound
            }
        }
    }

    @Test func compressedProjectionScalesEachLayer() throws {
        let directory = try TemporaryDirectory.make("plimsoll-plan")
        defer { TemporaryDirectory.remove(directory) }
        let fixture = Fixture(compression: .gzip)
        _ = try ImageFixtureBuilder.write([fixture.image], options: ArchiveOptions(), to: directory + "/ledger.tar")
        let result = try CommandRunner.run(["inspect", "ledger.tar", "--format", "json"], directory: directory)
        let image = try #require(try JSONParser.parse(result.stdout)["images"]?.arrayValue?.first)
        let layers = try #require(image["layers"]?.arrayValue)
        let plan = try #require(image["savingsPlan"])
        let steps = try #require(plan["steps"]?.arrayValue)
        #expect(plan["compressedBytes"]?.intValue == image["compressedBytes"]?.intValue)
        // Per layer, the bytes each fix removes (from the spec), scaled by the layer's blob-to-content ratio.
        let merged = ExpectedFilesystem.merge(fixture.image.layers)
        var compressed = Double(try #require(image["compressedBytes"]?.intValue))
        for step in steps {
            let id = step["id"]?.stringValue ?? "?"
            var byLayer = Array(repeating: Int64(0), count: layers.count)
            for (path, file) in merged.entries where file.kind == .regular && (fixture.removedBy[path] ?? nil) == id {
                byLayer[file.layer] += file.size
            }
            for (layer, fix) in fixture.wasteRemovedBy where fix == id { byLayer[layer] += merged.wastedBytes[layer] }
            var estimate = 0.0
            for (layer, bytes) in byLayer.enumerated() where bytes > 0 {
                let content = Double(layers[layer]["contentBytes"]?.intValue ?? 1)
                estimate += Double(bytes) * Double(layers[layer]["compressedBytes"]?.intValue ?? 0) / content
            }
            compressed -= estimate.rounded()
            let reported = try #require(step["projectedCompressedBytes"]?.intValue, "\(id)")
            #expect(abs(Double(reported) - compressed) <= 1, "\(id): \(reported) vs \(compressed)")
        }
        #expect(plan["projectedCompressedBytesSource"] == "estimated")
    }

    /// check: the projection against the target, in the JSON report and the PR comment.
    @Test(arguments: [true, false]) func checkComparesTheProjectionWithTheTarget(reaches: Bool) throws {
        let directory = try TemporaryDirectory.make("plimsoll-plan")
        defer { TemporaryDirectory.remove(directory) }
        let fixture = Fixture()
        _ = try ImageFixtureBuilder.write([fixture.image], options: ArchiveOptions(), to: directory + "/ledger.tar")
        let projected = fixture.projected(after: Set(Self.order))
        let target = reaches ? projected + 1_000 : projected - 20_000
        try #"{"schemaVersion": 1, "limits": {"target": "\#(target)"}}"#
            .write(toFile: directory + "/ledger.json", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/Baselines", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: directory + "/ledger.json", toPath: directory + "/Baselines/ledger.json")
        let result = try CommandRunner.run(
            ["check", "ledger.tar", "--html"], directory: directory, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONParser.parse(try String(contentsOfFile: directory + "/Reports/ledger.json", encoding: .utf8))
        let plan = try #require(report["savingsPlan"])
        #expect(plan["steps"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == Self.order)
        #expect(plan["gatedBytes"]?.intValue == fixture.image.contentBytes)
        #expect(plan["projectedGatedBytes"]?.intValue == projected)
        #expect(plan["progress"]?["targetBytes"]?.intValue == target)
        #expect(plan["progress"]?["measuredBytes"]?.intValue == projected)
        #expect(plan["progress"]?["reached"] == .bool(reaches))
        #expect(plan["progress"]?["remainingBytes"]?.intValue == (reaches ? 0 : 20_000))
        let markdown = try String(contentsOfFile: directory + "/Reports/ledger.md", encoding: .utf8)
        let section = try #require(markdown.components(separatedBy: "### Savings plan\n\n").last)
        #expect(markdown.contains("### Savings plan"))
        #expect(section.contains("the \(Self.order.count) fixes below bring it to"))
        if reaches {
            #expect(section.contains("under the"))
        } else {
            #expect(section.contains("short of the"))
            #expect(section.contains("the largest remaining parts are"))
        }
        // Every fix in the order the JSON gives, numbered.
        for (index, id) in Self.order.enumerated() { #expect(section.contains("\(index + 1). `\(id)`:"), "\(id)") }
        // The HTML page check writes says the same as the PR comment (the page names the image by its tag).
        let page = try String(contentsOfFile: directory + "/Reports/ledger.html", encoding: .utf8)
        let headline = try #require(section.split(separator: "\n").first?.dropFirst("ledger: ".count))
        #expect(page.contains("<h2>Savings plan</h2>\n<p>registry.example.com/team/ledger:1.0: \(headline)</p>"))
    }
}
