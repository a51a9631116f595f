/// The OCI image layout, inside a tar (Docker 25+, buildx, skopeo `oci-archive:`) or a directory.
extension FixturePlanner {
    static let blobDirectory = "blobs/sha256/"

    static func blobPath(_ digest: String) -> String {
        blobDirectory + digest.dropFirst("sha256:".count)
    }

    /// `oci-layout`, `index.json`, `blobs/sha256/<hex>` for layers, configs and manifests, and for
    /// `.docker25` also `manifest.json` pointing into `blobs/`.
    static func oci(_ images: [PreparedImage], options: ArchiveOptions) throws -> LayoutGroups {
        var groups = LayoutGroups()
        groups.leading = [.directory("blobs/"), .directory(blobDirectory)]
        // Platforms go on descriptors whenever there is a choice to make, as buildx and containerd do.
        let showPlatform = images.count > 1 || options.nestedIndex || options.attestation
            || !options.extraIndexPlatformsAbsent.isEmpty
        var descriptors: [FixtureJSON] = []
        var manifestEntries: [FixtureJSON] = []
        var metadataBlobs: [FixtureItem] = []

        for image in images {
            let layerPaths = image.layers.map { blobPath($0.blobDigest) }
            for (layer, path) in zip(image.layers, layerPaths) {
                groups.layers.append(.blobFile(path, path: layer.blobPath))
            }
            let configPath = blobPath(image.config.digest)
            metadataBlobs.append(.bytes(configPath, image.config.bytes))
            metadataBlobs.append(.bytes(blobPath(image.manifest.digest), image.manifest.bytes))
            manifestEntries.append(dockerManifestEntry(image, config: configPath, layers: layerPaths))
            groups.images.append(image.written(configPath: configPath, layerPaths: layerPaths))

            let platform: [(String, FixtureJSON)] =
                showPlatform ? [("platform", ImageDocuments.platform(image.spec.platform))] : []
            if options.nestedIndex {
                descriptors.append(image.manifest.descriptor(mediaType: OCIMediaType.manifest, extra: platform))
            } else {
                descriptors += named(image.manifest, mediaType: OCIMediaType.manifest, tags: image.spec.tags, extra: platform)
            }
            if options.attestation {
                let attestation = ImageDocuments.attestation(subject: image.manifest, tag: image.spec.tags.first)
                for blob in [attestation.layer, attestation.config, attestation.manifest] {
                    metadataBlobs.append(.bytes(blobPath(blob.digest), blob.bytes))
                }
                descriptors.append(attestation.manifest.descriptor(mediaType: OCIMediaType.manifest, extra: [
                    ("annotations", .object([
                        ("vnd.docker.reference.digest", .string(image.manifest.digest)),
                        ("vnd.docker.reference.type", .string("attestation-manifest")),
                    ])),
                    ("platform", ImageDocuments.platform(.unknown)),
                ]))
            }
        }
        for platform in options.extraIndexPlatformsAbsent {
            descriptors.append(ImageDocuments.absentDescriptor(platform: PlatformSpec(platform)))
        }

        var topDescriptors = descriptors
        if options.nestedIndex {
            // containerd: index.json names one image index blob, which lists the platform manifests.
            let nested = ImageDocuments.index(descriptors)
            metadataBlobs.append(.bytes(blobPath(nested.digest), nested.bytes))
            var tags: [String] = []
            for tag in images.flatMap(\.spec.tags) where !tags.contains(tag) { tags.append(tag) }
            topDescriptors = named(nested, mediaType: OCIMediaType.index, tags: tags, extra: [])
        }
        let index = ImageDocuments.index(options.indexManifestsNull ? nil : topDescriptors)

        let layoutFile = FixtureJSON.object([("imageLayoutVersion", .string("1.0.0"))])
        var documents: [FixtureItem] = [.bytes("index.json", index.bytes)]
        if options.layout == .docker25 {
            documents.append(.bytes("manifest.json", FixtureJSON.array(manifestEntries).bytes))
        }
        documents.append(.bytes("oci-layout", layoutFile.bytes))
        groups.layers = groups.layers.sorted { $0.name < $1.name }
        metadataBlobs.sort { $0.name < $1.name }
        // Blobs come from a directory walk (sorted); the top-level documents are written last
        // by docker, or first when asked.
        groups.metadata = options.metadataFirst ? documents + metadataBlobs : metadataBlobs + documents
        return groups
    }

    /// One descriptor per tag, annotated with the names Docker 25 and containerd write; an
    /// untagged image gets one descriptor without names.
    private static func named(
        _ blob: JSONBlob, mediaType: String, tags: [String], extra: [(String, FixtureJSON)]
    ) -> [FixtureJSON] {
        guard !tags.isEmpty else { return [blob.descriptor(mediaType: mediaType, extra: extra)] }
        return tags.map { tag in
            let annotations = FixtureJSON.object([
                ("io.containerd.image.name", .string(ImageDocuments.qualifiedName(tag))),
                ("org.opencontainers.image.ref.name", .string(ImageDocuments.splitTag(tag).tag)),
            ])
            return blob.descriptor(mediaType: mediaType, extra: [("annotations", annotations)] + extra)
        }
    }
}
