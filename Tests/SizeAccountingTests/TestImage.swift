import ImageModel
import SizeAccounting
import StableJSON

/// A loaded image written by hand, as the reader would hand it over: final files in the reader's
/// order, layers whose content is the final files they hold plus what later layers superseded,
/// and the captured contents the accountant's capture policy asks for (as the loader captures).
///
/// Every regular file carries the category the test expects it in, so each test's expected
/// category totals come from its own spec, never from the code under test.
struct TestImage {
    var workdir = "/app"
    var user = "1001"
    var healthcheck = true
    var layerSteps: [String?] = ["RUN build"]

    private(set) var files: [FinalFile] = []
    private(set) var contents: [String: [UInt8]] = [:]
    /// Bytes superseded per layer, and by which layer.
    private(set) var superseded: [(layer: Int, by: Int, bytes: Int64, path: String)] = []
    private(set) var expectedBytes: [SizeCategory: Int64] = [:]
    private(set) var expectedFiles: [SizeCategory: Int] = [:]

    init() {}

    // MARK: Entries

    mutating func file(_ path: String, _ size: Int64, _ expect: SizeCategory, layer: Int = 0) {
        files.append(FinalFile(path: path, kind: .regular, sizeBytes: size, layer: layer))
        expectedBytes[expect, default: 0] += size
        expectedFiles[expect, default: 0] += 1
    }

    mutating func text(_ path: String, _ text: String, _ expect: SizeCategory, layer: Int = 0) {
        let bytes = Array(text.utf8)
        file(path, Int64(bytes.count), expect, layer: layer)
        contents[path] = bytes
    }

    mutating func json(_ path: String, _ value: JSONValue, _ expect: SizeCategory, layer: Int = 0) {
        text(path, JSONWriter.pretty(value), expect, layer: layer)
    }

    mutating func symlink(_ path: String, to target: String, layer: Int = 0) {
        files.append(FinalFile(path: path, kind: .symlink, sizeBytes: 0, layer: layer, linkTarget: target))
    }

    mutating func hardlink(_ path: String, to target: String, layer: Int = 0) {
        files.append(FinalFile(path: path, kind: .hardlink, sizeBytes: 0, layer: layer, linkTarget: target))
    }

    /// A copy of `path` in `layer` that layer `by` overwrote or deleted: wasted bytes.
    mutating func supersededCopy(_ path: String, _ size: Int64, layer: Int, by: Int) {
        superseded.append((layer, by, size, path))
        expectedBytes[.wasted, default: 0] += size
        expectedFiles[.wasted, default: 0] += 1
    }

    /// A node package: its package.json (with the given dependency names) and files, all expected
    /// in `expect`.
    mutating func npmPackage(
        _ directory: String, name: String, version: String, dependencies: [String] = [], devDependencies: [String] = [],
        optional: [String] = [], peers: [String] = [], files extra: [(String, Int64)] = [], expect: SizeCategory, layer: Int = 0
    ) {
        json(directory + "/package.json", Self.manifest(name: name, version: version, dependencies: dependencies,
                                                         devDependencies: devDependencies, optional: optional, peers: peers),
             expect, layer: layer)
        for (relative, size) in extra { file(directory + "/" + relative, size, expect, layer: layer) }
    }

    static func manifest(
        name: String?, version: String?, dependencies: [String] = [], devDependencies: [String] = [],
        optional: [String] = [], peers: [String] = []
    ) -> JSONValue {
        func map(_ names: [String]) -> JSONValue { .object(names.map { JSONMember($0, "*") }) }
        var members: [JSONMember] = []
        if let name { members.append(JSONMember("name", .string(name))) }
        if let version { members.append(JSONMember("version", .string(version))) }
        if !dependencies.isEmpty { members.append(JSONMember("dependencies", map(dependencies))) }
        if !devDependencies.isEmpty { members.append(JSONMember("devDependencies", map(devDependencies))) }
        if !optional.isEmpty { members.append(JSONMember("optionalDependencies", map(optional))) }
        if !peers.isEmpty { members.append(JSONMember("peerDependencies", map(peers))) }
        return .object(members)
    }

    // MARK: Building

    /// The loaded image, capturing what `requirements` asks for (default: the built-in rules').
    func build(capturing requirements: CaptureRequirements? = nil) throws -> LoadedImage {
        let capture = try requirements ?? SizeAccountant.standard().captureRequirements
        let sorted = files.sorted { Self.componentOrder($0.path, $1.path) }
        var captured: [String: [UInt8]] = [:]
        for file in sorted where file.kind == .regular {
            if let bytes = contents[file.path], file.sizeBytes <= capture.maxBytes, capture.matches(String(file.path.dropFirst())) {
                captured[file.path] = bytes
            }
        }
        let layerCount = max(layerSteps.count, (files.map(\.layer) + superseded.map(\.by)).max().map { $0 + 1 } ?? 1)
        var layers: [ImageLayer] = []
        var causes: [WasteCause] = []
        for index in 0..<layerCount {
            let finalBytes = files.filter { $0.layer == index && $0.kind == .regular }.reduce(Int64(0)) { $0 + $1.sizeBytes }
            let mine = superseded.filter { $0.layer == index }
            let wasted = mine.reduce(Int64(0)) { $0 + $1.bytes }
            let fileCount = files.filter { $0.layer == index && $0.kind == .regular }.count + mine.count
            layers.append(ImageLayer(
                index: index, diffID: nil, blobDigest: nil, blobPath: "layer\(index).tar",
                createdBy: index < layerSteps.count ? layerSteps[index] : nil, mediaType: "application/vnd.docker.image.rootfs.diff.tar",
                compression: .none, tarBytes: 0, contentBytes: finalBytes + wasted, compressedBytes: nil,
                compressedBytesSource: .unknown, entryCount: fileCount, fileCount: fileCount, wastedBytes: wasted))
            for by in Set(mine.map(\.by)).sorted() {
                let group = mine.filter { $0.by == by }
                causes.append(WasteCause(layer: index, supersededBy: by, bytes: group.reduce(0) { $0 + $1.bytes }, files: group.count))
            }
        }
        return LoadedImage(
            name: "test:latest", tags: ["test:latest"], configDigest: nil, manifestDigest: nil, platform: .linuxAMD64,
            config: ImageConfigFacts(user: user, workdir: workdir, healthcheck: healthcheck),
            layers: layers, files: sorted, captured: captured, wasteCauses: causes, largestWasted: [], notes: [])
    }

    /// The reader's order: depth first, names compared as strings at each level.
    static func componentOrder(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.split(separator: "/")
        let right = rhs.split(separator: "/")
        for (a, b) in zip(left, right) where a != b {
            // A directory's entries come where the directory's name sorts.
            return a < b
        }
        return left.count < right.count
    }

    /// The category totals the spec declares, every category present.
    var expectedCategories: [SizeLedger.CategoryTotal] {
        SizeCategory.allCases.map {
            SizeLedger.CategoryTotal(category: $0, bytes: expectedBytes[$0] ?? 0, fileCount: expectedFiles[$0] ?? 0)
        }
    }
}
