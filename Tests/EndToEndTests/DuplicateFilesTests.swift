import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// Duplicate files through the built binary's JSON: the groups, digests and extra bytes equal what
/// the fixture's spec says, on every way of reading (a tarball by path, an OCI layout directory,
/// standard input through a pipe) with uncompressed and gzip layers.
@Suite struct DuplicateFilesTests {
    static let mebibyte: Int64 = 1 << 20

    /// Three layers placing the same contents at several paths, and every case that must not group.
    static func spec(_ compression: LayerBlobCompression) -> ImageSpec {
        func random(_ path: String, _ size: Int64, seed: UInt64) -> EntrySpec {
            .file(path, size: size, content: .pseudoRandom(seed: seed))
        }
        let base = LayerSpec(entries: [
            .dir("opt"), .dir("opt/model"),
            random("opt/model/weights.bin", 1_500_000, seed: 1),
            random("opt/model/libnative.so", 2_000_000, seed: 2),
            random("opt/model/overwritten.bin", 1_200_000, seed: 3),
            random("opt/model/shard-a.bin", 1_300_000, seed: 4),
            random("opt/model/small.bin", 500_000, seed: 5),
            // A hard link is the same bytes on disk, and a symlink holds none: neither is a copy.
            .hardlink("opt/model/weights-link.bin", target: "opt/model/weights.bin"),
            .symlink("opt/model/weights-symlink.bin", target: "weights.bin"),
        ], compression: compression, createdBy: "COPY model /opt/model")
        let copies = LayerSpec(entries: [
            .dir("srv"), .dir("app"), .dir("app/node_modules"), .dir("app/node_modules/native"),
            random("srv/weights.bin", 1_500_000, seed: 1),
            random("app/node_modules/native/libnative.so", 2_000_000, seed: 2),
            random("srv/overwritten.bin", 1_200_000, seed: 3),
            // Same size as shard-a, other bytes.
            random("srv/shard-b.bin", 1_300_000, seed: 6),
            random("srv/small.bin", 500_000, seed: 5),
            // A third copy of weights.bin, deleted by the next layer: wasted, not a duplicate.
            random("srv/weights-old.bin", 1_500_000, seed: 1),
        ], compression: compression, createdBy: "COPY . /")
        let later = LayerSpec(entries: [
            .dir("usr"), .dir("usr/lib"), .dir("usr/lib/python3"), .dir("usr/lib/python3/native"),
            // The copy of overwritten.bin is replaced by other bytes: its old copy is wasted, not a duplicate.
            random("srv/overwritten.bin", 1_200_000, seed: 7),
            .whiteout("srv/weights-old.bin"),
            random("usr/lib/python3/native/libnative.so", 2_000_000, seed: 2),
        ], compression: compression, createdBy: "RUN pip install native")
        return ImageSpec(tags: ["dupes:1"], layers: [base, copies, later], config: ConfigSpec(user: "1001"))
    }

    struct ExpectedGroup: Equatable {
        var digest: String
        var sizeBytes: Int64
        var paths: [String]
        var extraBytes: Int64
    }

    /// The groups the spec implies, computed from the spec and the reference merge alone: final
    /// regular files of at least `minBytes`, grouped by the content the spec gave them.
    static func expectedGroups(_ spec: ImageSpec, minBytes: Int64) throws -> [ExpectedGroup] {
        let final = ExpectedFilesystem.merge(spec.layers)
        var byContent: [String: [(path: String, layer: Int, size: Int64)]] = [:]
        for (path, file) in final.entries where file.kind == .regular && file.size >= minBytes {
            let content = spec.layers[file.layer].entries.last { entry in
                if case .file(let entryPath, _, _) = entry { return entryPath == path }
                return false
            }
            guard case .file(_, let size, let bytes)? = content else { continue }
            byContent["\(bytes)/\(size)", default: []].append(("/" + path, file.layer, size))
        }
        var groups: [ExpectedGroup] = []
        for (_, members) in byContent where members.count > 1 {
            let kept = members.min { ($0.layer, $0.path) < ($1.layer, $1.path) }!
            let extras = members.filter { $0.path != kept.path }.map(\.path).sorted()
            let spec = spec.layers[kept.layer].entries.first { if case .file(let p, _, _) = $0 { return "/" + p == kept.path } else { return false } }
            guard case .file(_, _, .pseudoRandom(let seed))? = spec else { throw FixtureError("unexpected content") }
            groups.append(ExpectedGroup(
                digest: try sha256sum(PseudoRandomBytes.bytes(count: Int(kept.size), seed: seed)), sizeBytes: kept.size,
                paths: [kept.path] + extras, extraBytes: kept.size * Int64(extras.count)))
        }
        return groups.sorted { ($0.extraBytes, $1.paths[0]) > ($1.extraBytes, $0.paths[0]) }
    }

    /// "sha256:<hex>" by coreutils' `sha256sum`, not by the code under test.
    static func sha256sum(_ bytes: [UInt8]) throws -> String {
        let file = NSTemporaryDirectory() + "plimsoll-sha-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return "sha256:" + (text.split(separator: " ").first.map(String.init) ?? "")
    }

    enum Input: String, CaseIterable {
        case tarball, directory, pipe
    }

    static func inspect(
        _ spec: ImageSpec, input: Input, in directory: String, extra: [String] = []
    ) throws -> JSONValue {
        var arguments = ["inspect"]
        var stdin = CommandRunner.Input.none
        switch input {
        case .tarball, .pipe:
            let tarball = directory + "/image.tar"
            _ = try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .docker25), to: tarball)
            if input == .pipe { stdin = .pipe(tarball) }
            arguments.append(input == .pipe ? "-" : tarball)
        case .directory:
            let layout = directory + "/layout"
            _ = try ImageFixtureBuilder.writeOCIDirectory([spec], options: ArchiveOptions(layout: .ociArchive), to: layout)
            arguments.append(layout)
        }
        let result = try CommandRunner.run(arguments + ["--format", "json"] + extra, input: stdin)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONParser.parse(result.stdout)
        return try #require(document["images"]?.arrayValue?.first)
    }

    static func groups(_ image: JSONValue) throws -> [ExpectedGroup] {
        try #require(image["duplicateFiles"]?.arrayValue).map { group in
            ExpectedGroup(
                digest: group["digest"]?.stringValue ?? "", sizeBytes: group["sizeBytes"]?.intValue ?? -1,
                paths: group["paths"]?.arrayValue?.compactMap(\.stringValue) ?? [], extraBytes: group["extraBytes"]?.intValue ?? -1)
        }
    }

    @Test(arguments: [LayerBlobCompression.none, .gzip], Input.allCases)
    func groupsEqualTheSpec(compression: LayerBlobCompression, input: Input) throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let spec = Self.spec(compression)
        let image = try Self.inspect(spec, input: input, in: directory)
        let expected = try Self.expectedGroups(spec, minBytes: Self.mebibyte)
        // The spec itself: two groups (weights ×2, libnative ×3); overwritten, same-size, small,
        // hard-linked and symlinked files are in none.
        #expect(expected.map(\.paths.count).sorted() == [2, 3])
        #expect(try Self.groups(image) == expected)
        let json = try #require(image["duplicateFiles"]?.arrayValue)
        for group in json {
            let extra = group["extraBytes"]?.intValue ?? -1
            #expect(group["copies"]?.intValue == Int64(group["paths"]?.arrayValue?.count ?? 0))
            let categories = try #require(group["extraCategories"]?.arrayValue)
            #expect(categories.compactMap { $0["bytes"]?.intValue }.reduce(0, +) == extra)
        }
        // libnative's extra copies: one under node_modules, one elsewhere (no rule claims it).
        let native = try #require(json.first { $0["paths"]?.arrayValue?.first?.stringValue == "/opt/model/libnative.so" })
        let categories = native["extraCategories"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(categories == ["node-modules", "other"])
        let finding = try #require(image["findings"]?.arrayValue?.first { $0["id"]?.stringValue == "duplicate-files" })
        #expect(finding["bytes"]?.intValue == expected.reduce(0) { $0 + $1.extraBytes })
        #expect(finding["suggestion"]?.stringValue?.contains("rm /app/node_modules/native/libnative.so") == true)
    }

    /// The rules file's `duplicateFiles.minBytes` lowers the threshold: the 500 kB pair appears.
    @Test(arguments: [LayerBlobCompression.none, .gzip])
    func thresholdFromTheRulesFile(compression: LayerBlobCompression) throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let rules = directory + "/rules.json"
        try Data(#"{"version": 1, "duplicateFiles": {"minBytes": 400000}}"#.utf8).write(to: URL(fileURLWithPath: rules))
        let spec = Self.spec(compression)
        let image = try Self.inspect(spec, input: .tarball, in: directory, extra: ["--rules", rules])
        let expected = try Self.expectedGroups(spec, minBytes: 400_000)
        #expect(expected.count == 3)
        #expect(try Self.groups(image) == expected)
    }

    /// Below the threshold nothing is hashed or reported: a threshold above every file gives none.
    @Test func nothingAboveTheThreshold() throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let rules = directory + "/rules.json"
        try Data(#"{"version": 1, "duplicateFiles": {"minBytes": 3000000}}"#.utf8).write(to: URL(fileURLWithPath: rules))
        let spec = Self.spec(.none)
        #expect(try Self.expectedGroups(spec, minBytes: 3_000_000).isEmpty)
        let image = try Self.inspect(spec, input: .tarball, in: directory, extra: ["--rules", rules])
        #expect(try Self.groups(image).isEmpty)
        #expect(image["findings"]?.arrayValue?.contains { $0["id"]?.stringValue == "duplicate-files" } == false)
    }

    @Test func badThresholdIsARulesError() throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let rules = directory + "/rules.json"
        try Data(#"{"version": 1, "duplicateFiles": {"minBytes": 0}}"#.utf8).write(to: URL(fileURLWithPath: rules))
        let result = try CommandRunner.run(["inspect", "-", "--rules", rules])
        #expect(result.status == 2)
        #expect(result.stderr.contains("duplicateFiles.minBytes"))
    }
}
