import Foundation
import PlimsollTestSupport
import Testing

/// Follows index.json → (nested index) → manifests → config and layers, checking that every
/// blob present hashes to its name and descriptor, using python's view of the archive.
private struct OCIWalk {
    let members: [InspectedMember]
    var manifests: [(descriptor: [String: Any], manifest: [String: Any])] = []
    var absent: [[String: Any]] = []

    init(_ members: [InspectedMember]) throws {
        self.members = members
        let index = try #require(try members.member("index.json").parsedJSON() as? [String: Any])
        #expect(index["schemaVersion"] as? Int == 2)
        let layout = try #require(try members.member("oci-layout").parsedJSON() as? [String: String])
        #expect(layout == ["imageLayoutVersion": "1.0.0"])
        try visit(index)
    }

    func blob(_ descriptor: [String: Any]) throws -> InspectedMember? {
        let digest = try #require(descriptor["digest"] as? String)
        guard let member = members.first(where: { $0.name == "blobs/sha256/" + digest.dropFirst(7) }) else { return nil }
        #expect(member.sha256 == digest, "blob \(member.name) hashes to its name")
        #expect(member.size == descriptor["size"] as? Int64 ?? Int64(descriptor["size"] as? Int ?? -1))
        return member
    }

    private mutating func visit(_ index: [String: Any]) throws {
        guard let descriptors = index["manifests"] as? [[String: Any]] else { return }
        for descriptor in descriptors {
            guard let member = try blob(descriptor) else {
                absent.append(descriptor)
                continue
            }
            let document = try #require(try member.parsedJSON() as? [String: Any])
            #expect(document["mediaType"] as? String == descriptor["mediaType"] as? String)
            if descriptor["mediaType"] as? String == OCIMediaType.index {
                try visit(document)
            } else {
                manifests.append((descriptor, document))
            }
        }
    }

    /// Image manifests (not attestations), with their config and layer members.
    func images() throws -> [(config: InspectedMember, layers: [InspectedMember], layerTypes: [String])] {
        try manifests.filter { ($0.descriptor["platform"] as? [String: String])?["os"] != "unknown" }.map { entry in
            let configDescriptor = try #require(entry.manifest["config"] as? [String: Any])
            let config = try #require(try blob(configDescriptor))
            let layerDescriptors = try #require(entry.manifest["layers"] as? [[String: Any]])
            let layers = try layerDescriptors.map { try #require(try blob($0)) }
            return (config, layers, layerDescriptors.compactMap { $0["mediaType"] as? String })
        }
    }
}

@Suite struct OCILayoutTests {
    @Test(arguments: [ArchiveLayout.docker25, .ociArchive])
    func singleImageWithCompressedLayers(_ layout: ArchiveLayout) throws {
        let scratch = try Scratch()
        let path = scratch.file("oci.tar")
        var gzipLayer = Samples.app
        gzipLayer.compression = .gzip
        let zstdLayer = LayerSpec([.file("data/blob", size: 5000, content: .pseudoRandom(seed: 1))], compression: .zstd)
        let image = Samples.image(layers: [Samples.base, gzipLayer, zstdLayer])
        let written = try ImageFixtureBuilder.write([image], options: ArchiveOptions(layout: layout), to: path)
        let members = try TarInspector.inspect(path)
        let walk = try OCIWalk(members)
        let images = try walk.images()
        try #require(images.count == 1)
        #expect(images[0].layerTypes == [
            "application/vnd.oci.image.layer.v1.tar", "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.v1.tar+zstd",
        ])
        for (index, member) in images[0].layers.enumerated() {
            try Verify.layer(member, spec: image.layers[index], written: written.images[0].layers[index])
        }
        try Verify.config(images[0].config, layers: images[0].layers, spec: image)
        #expect(walk.manifests[0].descriptor["mediaType"] as? String == OCIMediaType.manifest)
        let annotations = walk.manifests[0].descriptor["annotations"] as? [String: String]
        #expect(annotations?["io.containerd.image.name"] == "docker.io/library/app:1.0")
        #expect(annotations?["org.opencontainers.image.ref.name"] == "1.0")
        #expect(written.images[0].manifestDigest == walk.manifests[0].descriptor["digest"] as? String)

        let names = members.map(\.name)
        #expect(names.contains("manifest.json") == (layout == .docker25))
        if layout == .docker25 {
            try Verify.dockerManifest(members, images: [image], written: written) { try members.member($0) }
        }
        // Docker writes the layout documents after the blobs.
        #expect(names.last == "oci-layout")
    }

    @Test func docker25ManifestsNullAndMetadataFirst() throws {
        let scratch = try Scratch()
        let path = scratch.file("null.tar")
        let image = Samples.image()
        let options = ArchiveOptions(layout: .docker25, metadataFirst: true, indexManifestsNull: true)
        let written = try ImageFixtureBuilder.write([image], options: options, to: path)
        let members = try TarInspector.inspect(path)
        let index = try #require(try members.member("index.json").parsedJSON() as? [String: Any])
        #expect(index["manifests"] is NSNull)
        try Verify.dockerManifest(members, images: [image], written: written) { try members.member($0) }
        let names = members.map(\.name)
        let firstLayer = try #require(names.firstIndex(of: written.images[0].layers[0].pathInArchive))
        let manifestIndex = try #require(names.firstIndex(of: "manifest.json"))
        let configIndex = try #require(names.firstIndex(of: written.images[0].configPath))
        #expect(manifestIndex < firstLayer && configIndex < firstLayer)
    }

    @Test func nestedMultiPlatformIndexWithAttestationsAndAbsentPlatforms() throws {
        let scratch = try Scratch()
        let path = scratch.file("multi.tar")
        let amd = Samples.image()
        var arm = Samples.image(layers: [Samples.base, LayerSpec([.file("arm", size: 10)])])
        arm.platform = .linuxARM64
        let options = ArchiveOptions(
            layout: .ociArchive, extraIndexPlatformsAbsent: ["linux/s390x", "linux/arm/v7"], attestation: true,
            nestedIndex: true
        )
        let written = try ImageFixtureBuilder.write([amd, arm], options: options, to: path)
        let members = try TarInspector.inspect(path)
        let top = try #require(try members.member("index.json").parsedJSON() as? [String: Any])
        let topDescriptors = try #require(top["manifests"] as? [[String: Any]])
        #expect(topDescriptors.map { $0["mediaType"] as? String } == [OCIMediaType.index])

        let walk = try OCIWalk(members)
        #expect(walk.absent.count == 2)
        #expect(walk.absent.compactMap { ($0["platform"] as? [String: String])?["architecture"] } == ["s390x", "arm"])
        let attestations = walk.manifests.filter {
            ($0.descriptor["annotations"] as? [String: String])?["vnd.docker.reference.type"] == "attestation-manifest"
        }
        #expect(attestations.count == 2)
        for attestation in attestations {
            #expect(attestation.descriptor["platform"] as? [String: String] == ["architecture": "unknown", "os": "unknown"])
            let layers = try #require(attestation.manifest["layers"] as? [[String: Any]])
            #expect(layers.map { $0["mediaType"] as? String } == ["application/vnd.in-toto+json"])
        }
        let images = try walk.images()
        try #require(images.count == 2)
        for (imageIndex, spec) in [amd, arm].enumerated() {
            try Verify.config(images[imageIndex].config, layers: images[imageIndex].layers, spec: spec)
            for (index, member) in images[imageIndex].layers.enumerated() {
                try Verify.layer(member, spec: spec.layers[index], written: written.images[imageIndex].layers[index])
            }
        }
        // The shared base layer is stored once.
        #expect(members.filter { $0.name.hasSuffix(written.images[0].layers[0].blobDigest.dropFirst(7)) }.count == 1)
    }

    @Test func ociDirectoryMatchesTheTarball() throws {
        let scratch = try Scratch()
        let image = Samples.image()
        let options = ArchiveOptions(layout: .ociArchive)
        let fromTar = try ImageFixtureBuilder.write([image], options: options, to: scratch.file("a.tar"))
        let fromDirectory = try ImageFixtureBuilder.writeOCIDirectory([image], options: options, to: scratch.file("dir"))
        #expect(fromTar == fromDirectory)
        let tarMembers = try TarInspector.inspect(scratch.file("a.tar")).filter { $0.type == "file" }
        let directoryMembers = try TarInspector.inspect(scratch.file("dir"))
        #expect(Set(tarMembers.map(\.name)) == Set(directoryMembers.map(\.name)))
        #expect(Set(tarMembers.compactMap(\.sha256)) == Set(directoryMembers.compactMap(\.sha256)))
        _ = try OCIWalk(directoryMembers).images()
    }
}
