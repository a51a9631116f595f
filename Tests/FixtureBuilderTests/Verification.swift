import Foundation
import PlimsollTestSupport
import Testing

/// Sample specs shared by the tests.
enum Samples {
    static let base = LayerSpec(
        [
            .dir("etc"), .file("etc/os-release", text: "ID=plimsoll\n"), .dir("bin"),
            .file("bin/busybox", size: 40_000, content: .pseudoRandom(seed: 7)),
            .hardlink("bin/sh", target: "bin/busybox"), .symlink("bin/ls", target: "busybox"),
        ],
        createdBy: "ADD rootfs.tar /"
    )
    static let app = LayerSpec(
        [
            .dir("app"), .file("app/big.bin", size: 3_000_000), .file("etc/os-release", text: "ID=changed\n"),
            .whiteout("bin/ls"), .opaque("var/cache"),
        ],
        createdBy: "COPY . /app"
    )

    static func image(_ tag: String = "app:1.0", layers: [LayerSpec] = [base, app]) -> ImageSpec {
        ImageSpec(
            tags: [tag], layers: layers,
            config: ConfigSpec(
                user: "node", workdir: "/app", cmd: ["node", "server.js"],
                extraEmptyHistory: [EmptyHistorySpec(afterLayer: 0, createdBy: "ENV A=b")]
            )
        )
    }
}

/// Checks written fixtures against their specs through `TarInspector`'s independent view.
enum Verify {
    /// The layer blob `member` matches the spec and the builder's reported digests.
    static func layer(_ member: InspectedMember, spec: LayerSpec, written: WrittenLayer) throws {
        #expect(member.sha256 == written.blobDigest, "blob digest of \(member.name)")
        #expect(member.size == written.blobSize)
        #expect(member.diffID == written.diffID, "diff_id of \(member.name)")
        #expect(member.tarSize == written.tarSize)
        #expect(member.compression == written.compression.rawValue)
        let entries = try #require(member.entries, "\(member.name) is not a tar")
        #expect(entries.count == spec.entryCount)
        // Python's tarfile drops the trailing `/` of directory names; compare without it.
        #expect(entries.map(\.nameHex) == spec.tarNameBytes.map { hex($0.last == 0x2f ? Array($0.dropLast()) : $0) })
        let regularBytes = entries.filter { $0.type == "file" && !$0.name.contains(".wh.") }.reduce(0) { $0 + $1.size }
        #expect(regularBytes == spec.contentBytes)
        #expect(entries.filter { $0.type == "hardlink" }.allSatisfy { $0.size == 0 })
    }

    /// The config member's rootfs lists the diff_ids python computed, in stack order.
    static func config(_ member: InspectedMember, layers: [InspectedMember], spec: ImageSpec) throws {
        let config = try #require(try member.parsedJSON() as? [String: Any])
        let rootfs = try #require(config["rootfs"] as? [String: Any])
        #expect(rootfs["diff_ids"] as? [String] == layers.map { $0.diffID ?? "" })
        #expect(config["os"] as? String == spec.platform.os)
        #expect(config["architecture"] as? String == spec.platform.architecture)
        #expect(config["created"] as? String == ConfigSpec.fixedCreated)
        let history = try #require(config["history"] as? [[String: Any]])
        #expect(history.filter { $0["empty_layer"] as? Bool != true }.count == spec.layers.count)
    }

    /// Follows a Docker-style manifest.json and checks every image in it.
    static func dockerManifest(
        _ members: [InspectedMember], images: [ImageSpec], written: WrittenFixture,
        resolve: (String) throws -> InspectedMember
    ) throws {
        let manifest = try #require(try members.member("manifest.json").parsedJSON() as? [[String: Any]])
        #expect(manifest.count == images.count)
        for (index, entry) in manifest.enumerated() {
            let spec = images[index]
            let layerPaths = try #require(entry["Layers"] as? [String])
            #expect(layerPaths == written.images[index].layers.map(\.pathInArchive))
            #expect((entry["RepoTags"] as? [String] ?? []) == spec.tags)
            let layerMembers = try layerPaths.map(resolve)
            for (layerIndex, member) in layerMembers.enumerated() {
                try layer(member, spec: spec.layers[layerIndex], written: written.images[index].layers[layerIndex])
            }
            let configPath = try #require(entry["Config"] as? String)
            let configMember = try members.member(configPath)
            #expect(configMember.sha256 == written.images[index].configDigest)
            try config(configMember, layers: layerMembers, spec: spec)
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
