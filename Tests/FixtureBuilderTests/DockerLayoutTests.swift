import Foundation
import PlimsollTestSupport
import Testing

/// Resolves a member name, following symlinks relative to the member's directory.
private func resolver(_ members: [InspectedMember]) -> (String) throws -> InspectedMember {
    func resolve(_ name: String, depth: Int = 0) throws -> InspectedMember {
        let member = try members.member(name)
        guard member.type == "symlink", depth < 8 else { return member }
        var components = name.split(separator: "/").dropLast().map(String.init)
        for component in member.linkname.split(separator: "/") {
            if component == ".." { components.removeLast() } else if component != "." { components.append(String(component)) }
        }
        return try resolve(components.joined(separator: "/"), depth: depth + 1)
    }
    return { try resolve($0) }
}

@Suite struct DockerLayoutTests {
    @Test func legacySingleImage() throws {
        let scratch = try Scratch()
        let path = scratch.file("legacy.tar")
        let image = Samples.image()
        let written = try ImageFixtureBuilder.write([image], options: ArchiveOptions(layout: .legacy), to: path)
        let members = try TarInspector.inspect(path)
        try Verify.dockerManifest(members, images: [image], written: written, resolve: resolver(members))

        let names = members.map(\.name)
        // Docker writes metadata after the layers.
        #expect(names.suffix(2) == ["manifest.json", "repositories"])
        for layer in written.images[0].layers {
            let directory = String(layer.pathInArchive.dropLast("/layer.tar".count))
            #expect(names.contains(directory + "/VERSION"))
            #expect(names.contains(directory + "/json"))
        }
        let repositories = try #require(try members.member("repositories").parsedJSON() as? [String: [String: String]])
        let topID = written.images[0].layers[1].pathInArchive.split(separator: "/")[0]
        #expect(repositories == ["app": ["1.0": String(topID)]])

        // bsdtar agrees on the names.
        let listing = try TarInspector.bsdtarListing(path)
        #expect(listing.count == members.count)
        #expect(listing.contains { $0.hasSuffix(" manifest.json") })
    }

    @Test func legacyDedupWritesSymlinkedLayerTar() throws {
        let scratch = try Scratch()
        let path = scratch.file("dedup.tar")
        let empty = LayerSpec([], createdBy: "RUN true")
        let image = Samples.image(layers: [Samples.base, empty, Samples.app, empty])
        let written = try ImageFixtureBuilder.write(
            [image], options: ArchiveOptions(layout: .legacy, dedupIdenticalLayers: true), to: path
        )
        let members = try TarInspector.inspect(path)
        try Verify.dockerManifest(members, images: [image], written: written, resolve: resolver(members))
        let symlinks = members.filter { $0.type == "symlink" }
        #expect(symlinks.count == 1)
        #expect(symlinks.first?.name == written.images[0].layers[3].pathInArchive)
        #expect(symlinks.first?.linkname == "../" + written.images[0].layers[1].pathInArchive)
        // An empty layer is a tar of zero blocks, padded to one 10240-byte record.
        #expect(written.images[0].layers[1].tarSize == 10240)
    }

    @Test func multiImageSharesLayersAndMetadataFirst() throws {
        let scratch = try Scratch()
        let path = scratch.file("multi.tar")
        let first = Samples.image("app:1.0")
        let extra = LayerSpec([.file("other.txt", text: "other")])
        let second = Samples.image("registry.example.com:5000/team/other", layers: [Samples.base, extra])
        let written = try ImageFixtureBuilder.write(
            [first, second], options: ArchiveOptions(layout: .legacy, metadataFirst: true), to: path
        )
        let members = try TarInspector.inspect(path)
        try Verify.dockerManifest(members, images: [first, second], written: written, resolve: resolver(members))
        #expect(members.first?.name.hasSuffix(".json") == true)
        #expect(members.prefix(4).map(\.name).contains("manifest.json"))
        // v1 ids follow the chain, so the shared base is one directory, written once.
        let basePath = written.images[0].layers[0].pathInArchive
        #expect(written.images[1].layers[0].pathInArchive == basePath)
        #expect(members.filter { $0.name == basePath }.count == 1)
        let repositories = try #require(try members.member("repositories").parsedJSON() as? [String: [String: String]])
        #expect(Set(repositories.keys) == ["app", "registry.example.com:5000/team/other"])
        #expect(repositories["registry.example.com:5000/team/other"]?["latest"] != nil)
        #expect(Set(members.map(\.name)).count == members.count)
    }

    @Test func skopeoSymlinksComeBeforeTheirTargets() throws {
        let scratch = try Scratch()
        let path = scratch.file("skopeo.tar")
        let image = Samples.image()
        let written = try ImageFixtureBuilder.write([image], options: ArchiveOptions(layout: .skopeo), to: path)
        let members = try TarInspector.inspect(path)
        try Verify.dockerManifest(members, images: [image], written: written, resolve: resolver(members))
        let names = members.map(\.name)
        for layer in written.images[0].layers {
            #expect(layer.pathInArchive == String(layer.diffID.dropFirst(7)) + ".tar")
            let link = try #require(members.first { $0.type == "symlink" && $0.linkname == "../" + layer.pathInArchive })
            let linkIndex = try #require(names.firstIndex(of: link.name))
            let targetIndex = try #require(names.firstIndex(of: layer.pathInArchive))
            #expect(linkIndex < targetIndex)
            #expect(link.name.hasSuffix("/layer.tar"))
        }
    }

    @Test func kanikoUsesGzipLayersAndDigestNamedConfig() throws {
        let scratch = try Scratch()
        let path = scratch.file("kaniko.tar")
        let image = Samples.image()
        let written = try ImageFixtureBuilder.write([image], options: ArchiveOptions(layout: .kaniko), to: path)
        let members = try TarInspector.inspect(path)
        try Verify.dockerManifest(members, images: [image], written: written, resolve: { try members.member($0) })
        #expect(written.images[0].configPath == written.images[0].configDigest)
        #expect(written.images[0].configPath.hasPrefix("sha256:"))
        for layer in written.images[0].layers {
            #expect(layer.compression == .gzip)
            #expect(layer.pathInArchive == String(layer.blobDigest.dropFirst(7)) + ".tar.gz")
            #expect(layer.blobDigest != layer.diffID)
        }
    }

    @Test(arguments: [OuterCompression.gzip, .zstd])
    func outerCompression(_ compression: OuterCompression) throws {
        let scratch = try Scratch()
        let path = scratch.file("outer.tar")
        let image = Samples.image()
        let written = try ImageFixtureBuilder.write(
            [image], options: ArchiveOptions(layout: .legacy, outerCompression: compression), to: path
        )
        let magic = try #require(FileHandle(forReadingAtPath: path)).readData(ofLength: 4)
        #expect(Array(magic.prefix(2)) == (compression == .gzip ? [0x1f, 0x8b] : [0x28, 0xb5]))
        let members = try TarInspector.inspect(path)
        try Verify.dockerManifest(members, images: [image], written: written, resolve: resolver(members))
    }
}
