import Foundation
import PlimsollTestSupport
import StableJSON

/// Images the registry tests push, written by the fixture builder, and the plimsoll runs they compare.
enum RegistryFixtures {
    /// The NestJS service image (packages, categories, waste) with its layers gzip-, zstd- and
    /// un-compressed in turn.
    static func serviceSpec() -> ImageSpec {
        var spec = NestServiceFixture.make().image
        let cycle: [LayerBlobCompression] = [.gzip, .zstd, .none]
        for index in spec.layers.indices { spec.layers[index].compression = cycle[index % 3] }
        return spec
    }

    /// A small image with one gzip layer and one uncompressed layer.
    static func smallSpec(tag: String = "team/small:1.0", marker: String = "a", platform: PlatformSpec = .linuxAMD64) -> ImageSpec {
        ImageSpec(
            tags: [tag],
            layers: [
                LayerSpec(entries: [.file("etc/os-release", text: "ID=test\n"), .file("usr/lib/libbase.so", size: 250_000)], compression: .gzip, createdBy: "ADD base /"),
                LayerSpec(entries: [.file("app/\(marker).js", size: 40_000), .file("usr/lib/libbase.so", size: 100_000)], compression: .none, createdBy: "COPY app /app"),
            ],
            config: ConfigSpec(user: "1001", workdir: "/app"), platform: platform)
    }

    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "plimsoll-registry-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `plimsoll inspect ARGUMENT --format json`: the first image's JSON, or the failed run.
    static func inspectJSON(_ argument: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> (JSONValue?, CommandRunner.Output) {
        let output = try CommandRunner.run(["inspect", argument, "--format", "json", "-q"] + extra, environment: environment)
        guard output.status == 0 else { return (nil, output) }
        return (try JSONParser.parse(output.stdout)["images"]?.arrayValue?.first, output)
    }

    /// The figures that must not depend on where an image was read from.
    static func sourceIndependentFacts(_ image: JSONValue) -> [String: JSONValue] {
        var facts: [String: JSONValue] = [:]
        for key in ["contentBytes", "finalBytes", "wastedBytes", "fileCount", "categories", "packages", "user", "workdir", "platform"] {
            facts[key] = image[key] ?? .null
        }
        facts["layerContent"] = .array((image["layers"]?.arrayValue ?? []).map { $0["contentBytes"] ?? .null })
        facts["layerWasted"] = .array((image["layers"]?.arrayValue ?? []).map { $0["wastedBytes"] ?? .null })
        facts["layerCreatedBy"] = .array((image["layers"]?.arrayValue ?? []).map { $0["createdBy"] ?? .null })
        return facts
    }

    /// The layer sizes of an image's manifest as the registry serves it, read by skopeo (an
    /// independent client).
    static func manifestLayerSizes(_ reference: String) throws -> [Int64] {
        let raw = try runTool("skopeo", ["inspect", "--raw", "--tls-verify=false", "docker://" + reference], environment: ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()])
        let manifest = try JSONParser.parse(raw)
        return (manifest["layers"]?.arrayValue ?? []).compactMap { $0["size"]?.intValue }
    }
}
