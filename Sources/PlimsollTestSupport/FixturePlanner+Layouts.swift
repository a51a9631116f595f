/// The entries each writer produces (FORMATS.md, "Layouts").
extension FixturePlanner {
    /// Docker ≤ 24. Layer directories are named by v1 ids derived from the layer chain (so a
    /// shared base is one directory) and are sorted by name, as Docker's directory walk emits
    /// them: stream order says nothing about stack order; only manifest.json's `Layers` does.
    static func legacy(_ images: [PreparedImage], options: ArchiveOptions) -> LayoutGroups {
        var groups = LayoutGroups()
        var firstDirectoryForBlob: [String: String] = [:]
        var manifestEntries: [FixtureJSON] = []
        var repositories = RepositoriesFile()
        for image in images {
            let ids = v1IDs(image)
            var layerPaths: [String] = []
            for (index, layer) in image.layers.enumerated() {
                let id = ids[index]
                let path = "\(id)/layer.tar"
                layerPaths.append(path)
                groups.layers += [.directory("\(id)/"), .bytes("\(id)/VERSION", Array("1.0".utf8))]
                groups.layers.append(.bytes("\(id)/json", v1JSON(id: id, parent: index > 0 ? ids[index - 1] : nil, image)))
                if options.dedupIdenticalLayers, let first = firstDirectoryForBlob[layer.blobDigest], first != id {
                    groups.layers.append(.symlink(path, target: "../\(first)/layer.tar"))
                } else {
                    groups.layers.append(.blobFile(path, path: layer.blobPath))
                    firstDirectoryForBlob[layer.blobDigest] = firstDirectoryForBlob[layer.blobDigest] ?? id
                }
            }
            let configPath = "\(image.config.hex).json"
            groups.metadata.append(.bytes(configPath, image.config.bytes))
            manifestEntries.append(dockerManifestEntry(image, config: configPath, layers: layerPaths))
            repositories.add(tags: image.spec.tags, id: ids.last ?? "")
            groups.images.append(image.written(configPath: configPath, layerPaths: layerPaths))
        }
        groups.layers = sortedKeepingOrderOfEqualNames(groups.layers)
        groups.metadata.append(.bytes("manifest.json", FixtureJSON.array(manifestEntries).bytes))
        if options.writeRepositories { groups.metadata.append(.bytes("repositories", repositories.bytes)) }
        return groups
    }

    /// skopeo `docker-archive:`: layers at the root as `<diffid>.tar`, and for each a
    /// `<v1id>/layer.tar` symlink to it written *before* the target, which manifest.json ignores.
    static func skopeo(_ images: [PreparedImage], options: ArchiveOptions) -> LayoutGroups {
        var groups = LayoutGroups()
        var manifestEntries: [FixtureJSON] = []
        var repositories = RepositoriesFile()
        for image in images {
            let ids = v1IDs(image)
            var layerPaths: [String] = []
            for (index, layer) in image.layers.enumerated() {
                let id = ids[index]
                let path = "\(layer.diffID.dropFirst("sha256:".count)).tar"
                layerPaths.append(path)
                groups.layers.append(.bytes("\(id)/VERSION", Array("1.0".utf8)))
                groups.layers.append(.bytes("\(id)/json", v1JSON(id: id, parent: index > 0 ? ids[index - 1] : nil, image)))
                groups.layers.append(.symlink("\(id)/layer.tar", target: "../\(path)"))
                groups.layers.append(.blobFile(path, path: layer.blobPath))
            }
            let configPath = "\(image.config.hex).json"
            groups.metadata.append(.bytes(configPath, image.config.bytes))
            manifestEntries.append(dockerManifestEntry(image, config: configPath, layers: layerPaths))
            repositories.add(tags: image.spec.tags, id: ids.last ?? "")
            groups.images.append(image.written(configPath: configPath, layerPaths: layerPaths))
        }
        groups.metadata.append(.bytes("manifest.json", FixtureJSON.array(manifestEntries).bytes))
        if options.writeRepositories { groups.metadata.append(.bytes("repositories", repositories.bytes)) }
        return groups
    }

    /// kaniko / go-containerregistry `tarball.Write`: gzip layers `<blobhex>.tar.gz` at the root and
    /// the config as `sha256:<hex>`, no extension.
    static func kaniko(_ images: [PreparedImage]) -> LayoutGroups {
        var groups = LayoutGroups()
        var manifestEntries: [FixtureJSON] = []
        for image in images {
            let layerPaths = image.layers.map { "\($0.blobDigest.dropFirst("sha256:".count)).tar.gz" }
            for (layer, path) in zip(image.layers, layerPaths) {
                groups.layers.append(.blobFile(path, path: layer.blobPath))
            }
            let configPath = image.config.digest
            groups.metadata.append(.bytes(configPath, image.config.bytes))
            manifestEntries.append(dockerManifestEntry(image, config: configPath, layers: layerPaths))
            groups.images.append(image.written(configPath: configPath, layerPaths: layerPaths))
        }
        groups.metadata.append(.bytes("manifest.json", FixtureJSON.array(manifestEntries).bytes))
        return groups
    }

    // MARK: - Shared pieces

    /// One element of a Docker-style manifest.json. Untagged images get `"RepoTags": null`, as Docker writes.
    static func dockerManifestEntry(_ image: PreparedImage, config: String, layers: [String]) -> FixtureJSON {
        .object([
            ("Config", .string(config)),
            ("RepoTags", .strings(image.spec.tags.isEmpty ? nil : image.spec.tags)),
            ("Layers", .strings(layers)),
        ])
    }

    /// Legacy v1 ids: a hash over the chain below (so shared bases share ids); the top layer also
    /// hashes the config, as Docker's top v1 id depends on the image config.
    static func v1IDs(_ image: PreparedImage) -> [String] {
        var ids: [String] = []
        for (index, layer) in image.layers.enumerated() {
            var seed = "\(ids.last ?? "") \(layer.diffID)"
            if index == image.layers.count - 1 { seed += " \(image.config.digest)" }
            ids.append(String(sha256Digest(Array(seed.utf8)).dropFirst("sha256:".count)))
        }
        return ids
    }

    static func v1JSON(id: String, parent: String?, _ image: PreparedImage) -> [UInt8] {
        var members: [(String, FixtureJSON)] = [("id", .string(id))]
        if let parent { members.append(("parent", .string(parent))) }
        members += [
            ("created", .string(image.spec.config.created)),
            ("os", .string(image.spec.platform.os)),
        ]
        return FixtureJSON.object(members).bytes
    }

    /// Stable sort by name, as a directory walk orders entries.
    private static func sortedKeepingOrderOfEqualNames(_ items: [FixtureItem]) -> [FixtureItem] {
        items.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }.map(\.element)
    }
}

/// The legacy `repositories` file: `{"repo": {"tag": "<top v1 id>"}}`, in first-seen order.
struct RepositoriesFile {
    private var repositories: [(String, [(String, String)])] = []

    mutating func add(tags: [String], id: String) {
        for tag in tags {
            let (repository, reference) = ImageDocuments.splitTag(tag)
            if let index = repositories.firstIndex(where: { $0.0 == repository }) {
                repositories[index].1.removeAll { $0.0 == reference }
                repositories[index].1.append((reference, id))
            } else {
                repositories.append((repository, [(reference, id)]))
            }
        }
    }

    var bytes: [UInt8] {
        FixtureJSON.object(repositories.map { ($0.0, .object($0.1.map { ($0.0, .string($0.1)) })) }).bytes
    }
}
