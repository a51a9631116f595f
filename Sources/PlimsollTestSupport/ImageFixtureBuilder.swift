/// A layer as written into the fixture, with the digests a reader should find.
public struct WrittenLayer: Hashable, Sendable {
    /// `sha256:` of the uncompressed layer tar (the config's `diff_id`).
    public var diffID: String
    /// `sha256:` of the stored blob (equal to `diffID` when uncompressed).
    public var blobDigest: String
    /// Stored blob length (compressed bytes when compressed).
    public var blobSize: Int64
    /// Uncompressed layer tar length.
    public var tarSize: Int64
    public var compression: LayerBlobCompression
    /// The entry name of the blob inside the tarball (for legacy dedup: the symlink's name).
    public var pathInArchive: String
}

/// An image as written into the fixture.
public struct WrittenImage: Hashable, Sendable {
    public var tags: [String]
    public var platform: PlatformSpec
    public var configDigest: String
    /// The entry name of the config inside the tarball.
    public var configPath: String
    /// Digest of the OCI manifest (only present as a blob in OCI layouts, but always computed).
    public var manifestDigest: String
    public var layers: [WrittenLayer]
}

/// What `ImageFixtureBuilder` wrote: the images and the outer entry names in stream order.
public struct WrittenFixture: Hashable, Sendable {
    public var images: [WrittenImage]
    public var entryNames: [String]
}

/// Writes real image tarballs (the output of `docker save` and similar tools) from specs.
///
/// Layers are written to temporary files first, because an outer tar header needs the blob size
/// before its data; the temporary directory is removed afterwards. Digests are real: diff_ids
/// hash the uncompressed layer tars, blob digests the stored bytes, and configs, manifests and
/// indexes are content-addressed by their exact bytes.
public enum ImageFixtureBuilder {
    /// Writes `images` into one tarball at `path` in the layout `options` describes.
    ///
    /// Several images in one call make a multi-image tarball (`docker save a b`); identical
    /// layers are stored once. In OCI layouts, images with different platforms and
    /// `nestedIndex` make one multi-platform image.
    @discardableResult
    public static func write(_ images: [ImageSpec], options: ArchiveOptions, to path: String) throws -> WrittenFixture {
        try withTemporaryDirectory { temporary in
            let plan = try FixturePlanner.plan(images, options: options, temporaryDirectory: temporary)
            let output = try TarFixtureOutput(path: path, compression: options.outerCompression)
            for item in plan.items { try output.write(item) }
            try output.finish()
            return plan.written
        }
    }

    /// Writes the same files as `write` would put in the tarball into the directory `dir`
    /// (an OCI image layout directory for `.ociArchive`). `outerCompression` is ignored.
    @discardableResult
    public static func writeOCIDirectory(_ images: [ImageSpec], options: ArchiveOptions, to dir: String) throws
        -> WrittenFixture
    {
        try withTemporaryDirectory { temporary in
            let plan = try FixturePlanner.plan(images, options: options, temporaryDirectory: temporary)
            let output = try DirectoryFixtureOutput(path: dir)
            for item in plan.items { try output.write(item) }
            try output.finish()
            return plan.written
        }
    }
}

/// One image with its layers built and its config and OCI manifest serialised.
struct PreparedImage {
    var spec: ImageSpec
    var layers: [BuiltLayer]
    var config: JSONBlob
    var manifest: JSONBlob
}

/// The ordered items of a fixture and the summary returned to the caller.
struct FixturePlan {
    var items: [FixtureItem]
    var written: WrittenFixture
}

/// Turns specs into an ordered list of outer entries; the layout-specific parts live in
/// `FixturePlanner+Layouts.swift`.
enum FixturePlanner {
    static func plan(_ images: [ImageSpec], options: ArchiveOptions, temporaryDirectory: String) throws -> FixturePlan {
        guard !images.isEmpty else { throw FixtureError("a fixture needs at least one image") }
        let prepared = try prepare(images, layout: options.layout, temporaryDirectory: temporaryDirectory)
        let groups: LayoutGroups
        switch options.layout {
        case .legacy: groups = legacy(prepared, options: options)
        case .docker25, .ociArchive: groups = try oci(prepared, options: options)
        case .skopeo: groups = skopeo(prepared, options: options)
        case .kaniko: groups = kaniko(prepared)
        }
        var items = groups.leading
        items += options.metadataFirst ? groups.metadata + groups.layers : groups.layers + groups.metadata
        // The same blob can be planned twice (shared layers, equal configs): write it once.
        var seen = Set<String>()
        items = items.filter { seen.insert($0.name).inserted }
        let written = WrittenFixture(images: groups.images, entryNames: items.map(\.name))
        return FixturePlan(items: items, written: written)
    }

    /// Builds every distinct layer once (multi-image tarballs share layers) and serialises configs.
    private static func prepare(_ images: [ImageSpec], layout: ArchiveLayout, temporaryDirectory: String) throws
        -> [PreparedImage]
    {
        var cache: [LayerSpec: BuiltLayer] = [:]
        var result: [PreparedImage] = []
        for image in images {
            var layers: [BuiltLayer] = []
            for layer in image.layers {
                var effective = layer
                // go-containerregistry (kaniko) always stores gzip layers.
                if layout == .kaniko { effective.compression = .gzip }
                // createdBy only affects history, not the blob: key the cache on the bytes' inputs.
                effective.createdBy = nil
                if let built = cache[effective] {
                    layers.append(built)
                    continue
                }
                let blobPath = temporaryDirectory + "/layer-\(cache.count)"
                let built = try LayerBlobWriter.write(effective, compression: effective.compression, to: blobPath)
                cache[effective] = built
                layers.append(built)
            }
            let config = ImageDocuments.config(image, layers: layers)
            let manifest = ImageDocuments.ociManifest(config: config, layers: layers)
            result.append(PreparedImage(spec: image, layers: layers, config: config, manifest: manifest))
        }
        return result
    }
}

/// A layout's items in three groups: `leading` always first, then metadata and layers in the
/// order `ArchiveOptions.metadataFirst` asks for.
struct LayoutGroups {
    var leading: [FixtureItem] = []
    var layers: [FixtureItem] = []
    var metadata: [FixtureItem] = []
    var images: [WrittenImage] = []
}

extension WrittenLayer {
    init(_ built: BuiltLayer, path: String) {
        self.init(
            diffID: built.diffID, blobDigest: built.blobDigest, blobSize: built.blobSize, tarSize: built.tarSize,
            compression: built.compression, pathInArchive: path
        )
    }
}

extension PreparedImage {
    func written(configPath: String, layerPaths: [String]) -> WrittenImage {
        WrittenImage(
            tags: spec.tags, platform: spec.platform, configDigest: config.digest, configPath: configPath,
            manifestDigest: manifest.digest,
            layers: zip(layers, layerPaths).map { WrittenLayer($0, path: $1) }
        )
    }
}
