import ImageModel

/// Turns a catalog's manifests into image plans: legacy `manifest.json` (Docker up to 24, skopeo,
/// kaniko), Docker 25+ (which writes both), OCI `index.json` layouts with nested indexes, absent
/// platforms and attestations, and skopeo's `dir:` layout (`manifest.json` is one image manifest).
///
/// A blob is a document because a manifest or index names it as a config, manifest or index, and
/// a layer because a manifest lists it as one; never because of its name or first bytes.
struct ManifestResolver {
    var inputName: String
    var catalog: TarballCatalog
    /// The input file, for documents read by byte range (-1 for streams and directories).
    var descriptor: Int32 = -1

    private func fail(_ problem: ImageLoadingError.Problem) -> ImageLoadingError {
        ImageLoadingError(input: inputName, problem: problem)
    }

    /// The bytes of the document at `path`; nil when there is no such entry.
    private func bytes(_ path: String) throws(ImageLoadingError) -> [UInt8]? {
        do {
            return try catalog.document(path, descriptor: descriptor)
        } catch {
            switch error {
            case .tooLarge(let size, let limit): throw fail(.metadataTooLarge(file: path, bytes: size, limit: limit))
            case .unreadable(let why): throw fail(.badMetadata(file: path, message: "cannot be read: \(why)"))
            }
        }
    }

    /// The document at `path`, decoded as `T`; nil when there is no such entry.
    private func decode<T: Decodable>(_ type: T.Type, _ path: String) throws(ImageLoadingError) -> T? {
        guard let bytes = try bytes(path) else { return nil }
        switch DocumentDecoder.decode(type, from: bytes) {
        case .success(let value): return value
        case .failure(let problem): throw fail(.badMetadata(file: path, message: problem.message))
        }
    }

    private func has(_ path: String) -> Bool {
        catalog.documents[path] != nil || catalog.blobs[path] != nil
    }

    /// Every image the input describes, in manifest order.
    func plans() throws(ImageLoadingError) -> (plans: [ImagePlan], notes: [String]) {
        let oci = try ociPlans(index: decode(ManifestDocument.self, "index.json"))
        if has("manifest.json") {
            return try manifestJSONPlans(oci: oci)
        }
        if has("index.json") {
            if oci.plans.isEmpty {
                if oci.notes.isEmpty { throw fail(.nullManifest("index.json")) }
                throw fail(.notAnImage("index.json names no image whose blobs are present (\(oci.notes.joined(separator: "; ")))"))
            }
            return oci
        }
        throw fail(.notAnImage(notAnImageHint()))
    }

    /// `manifest.json` is a list of images (docker save, skopeo docker-archive), null or empty (early
    /// Docker 25: the OCI index holds the images), or one image manifest (skopeo dir:).
    private func manifestJSONPlans(oci: (plans: [ImagePlan], notes: [String])) throws(ImageLoadingError) -> (plans: [ImagePlan], notes: [String]) {
        let outline = try decode(JSONOutline.self, "manifest.json")
        switch outline {
        case .array(let count)? where count > 0:
            let entries = try decode([LegacyManifestEntry].self, "manifest.json") ?? []
            return (try legacyPlans(entries, oci: oci.plans), oci.notes)
        case .null?, .array?:
            if !oci.plans.isEmpty { return oci }
            throw fail(.nullManifest("manifest.json"))
        case .object(let keys)? where keys.contains("layers") || keys.contains("manifests"):
            guard let document = try decode(ManifestDocument.self, "manifest.json") else { break }
            var plans: [ImagePlan] = []
            var notes: [String] = []
            if document.isIndex(describedAs: nil) {
                try walk(index: document, file: "manifest.json", inheritedTags: [], depth: 0, plans: &plans, notes: &notes)
            } else if var plan = try manifestPlan(document, path: "manifest.json", tags: [], notes: &notes) {
                plan.platform = plan.config.platform
                plans.append(plan)
            }
            guard !plans.isEmpty else { throw fail(.notAnImage("manifest.json names no image (\(notes.joined(separator: "; ")))")) }
            return (plans, notes)
        default:
            break
        }
        let found = outline.map(\.description) ?? "nothing"
        throw fail(.badMetadata(
            file: "manifest.json",
            message: "expected a list of images (docker save) or one image manifest with config and layers (skopeo dir:), found \(found)"))
    }

    private func notAnImageHint() -> String {
        let rootfsNames: Set<String> = ["bin", "etc", "usr", "lib", "var", "sbin", "home", "root", "opt"]
        let hits = catalog.topLevelNames.intersection(rootfsNames).sorted()
        if hits.count >= 2 {
            return "no manifest.json or index.json; it looks like a root filesystem tar (\(hits.map { $0 + "/" }.joined(separator: ", ")))"
        }
        return "no manifest.json or index.json"
    }

    // MARK: Legacy manifest.json

    private func legacyPlans(_ entries: [LegacyManifestEntry], oci: [ImagePlan]) throws(ImageLoadingError) -> [ImagePlan] {
        var plans: [ImagePlan] = []
        for (number, entry) in entries.enumerated() {
            guard let configName = entry.config, let layerNames = entry.layers else {
                throw fail(.badMetadata(file: "manifest.json", message: "image \(number) lacks Config or Layers"))
            }
            let configPath = catalog.resolve(configName)
            let config = try loadConfig(configPath, referencedBy: "manifest.json")
            var layerPaths: [String] = []
            for name in layerNames {
                let path = catalog.resolve(name)
                guard catalog.blobs[path] != nil else {
                    throw fail(.missingBlob(path: name, referencedBy: "manifest.json"))
                }
                layerPaths.append(path)
            }
            let configDigest = Self.digest(fromPath: configPath)
            // Docker 25+ also writes an OCI manifest: take media types and digests from it.
            let match = oci.first { $0.configPath == configPath && $0.layerPaths == layerPaths }
            plans.append(
                ImagePlan(
                    tags: (entry.repoTags ?? []).sorted(),
                    configPath: configPath, config: config, configDigest: match?.configDigest ?? configDigest,
                    manifestDigest: match?.manifestDigest, platform: match?.platform ?? config.platform,
                    layerPaths: layerPaths,
                    layerMediaTypes: match?.layerMediaTypes ?? layerPaths.map { _ in nil },
                    layerDigests: match?.layerDigests ?? layerPaths.map { Self.digest(fromPath: $0) }))
        }
        return plans
    }

    /// "blobs/sha256/<hex>", "<hex>.json", "sha256:<hex>", "<hex>.tar(.gz)", "<hex>" -> "sha256:<hex>".
    static func digest(fromPath path: String) -> String? {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        if path.hasPrefix("blobs/sha256/") { return "sha256:" + base }
        if base.hasPrefix("sha256:") { return base }
        for suffix in [".json", ".tar.gz", ".tar", ""] where base.hasSuffix(suffix) {
            let hex = String(base.dropLast(suffix.count))
            if hex.count == 64, hex.allSatisfy(\.isHexDigit) { return "sha256:" + hex }
        }
        return nil
    }

    private func loadConfig(_ path: String, referencedBy: String) throws(ImageLoadingError) -> ImageConfigDocument {
        guard let bytes = try bytes(path) else { throw fail(.missingBlob(path: path, referencedBy: referencedBy)) }
        switch ImageConfigDocument.decode(bytes) {
        case .success(let config): return config
        case .failure(let problem): throw fail(.badMetadata(file: path, message: problem.message))
        }
    }

    // MARK: OCI index.json

    /// Where a digest's blob is: `blobs/<alg>/<hex>` (OCI layouts), or `<hex>` at the root (skopeo
    /// dir:). A digest that is not of the OCI grammar names no file, so it cannot climb out of a
    /// layout directory.
    private func blobPath(_ digest: String, in file: String) throws(ImageLoadingError) -> String {
        let parts = digest.split(separator: ":", maxSplits: 1).map(String.init)
        let algorithmCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789+._-")
        let encodedCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=_-")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            parts[0].allSatisfy(algorithmCharacters.contains), parts[1].allSatisfy(encodedCharacters.contains)
        else {
            throw fail(.badMetadata(file: file, message: "'\(ImageLoadingError.shortened(digest))' is not a digest"))
        }
        let layoutPath = "blobs/\(parts[0])/\(parts[1])"
        if has(layoutPath) { return layoutPath }
        if has(parts[1]) { return parts[1] }
        return layoutPath
    }

    private func ociPlans(index: ManifestDocument?) throws(ImageLoadingError) -> (plans: [ImagePlan], notes: [String]) {
        guard let index else { return ([], []) }
        var plans: [ImagePlan] = []
        var notes: [String] = []
        try walk(index: index, file: "index.json", inheritedTags: [], depth: 0, plans: &plans, notes: &notes)
        return (plans, notes)
    }

    private func walk(
        index: ManifestDocument, file: String, inheritedTags: [String], depth: Int,
        plans: inout [ImagePlan], notes: inout [String]
    ) throws(ImageLoadingError) {
        guard depth < 8 else { throw fail(.badMetadata(file: file, message: "indexes nest more than 8 deep")) }
        for descriptor in index.manifests ?? [] {
            guard let digest = descriptor.digest else { continue }
            let path = try blobPath(digest, in: file)
            let annotations = descriptor.annotations ?? [:]
            let platform = descriptor.parsedPlatform
            let label = platform.map { "\(digest) (\($0))" } ?? digest
            if descriptor.isAttestation {
                notes.append("skipped attestation manifest \(label)")
                continue
            }
            var tags = inheritedTags
            if let name = annotations["io.containerd.image.name"] ?? annotations["org.opencontainers.image.ref.name"] {
                tags.append(name)
            }
            guard let object = try decode(ManifestDocument.self, path) else {
                notes.append("skipped manifest \(label): its blob is not in the archive")
                continue
            }
            if object.isIndex(describedAs: descriptor.mediaType) {
                try walk(index: object, file: path, inheritedTags: tags, depth: depth + 1, plans: &plans, notes: &notes)
                continue
            }
            guard var plan = try manifestPlan(object, path: path, tags: tags, notes: &notes) else { continue }
            plan.manifestDigest = digest
            plan.platform = platform ?? plan.config.platform
            plans.append(plan)
        }
    }

    private func manifestPlan(
        _ manifest: ManifestDocument, path: String, tags: [String], notes: inout [String]
    ) throws(ImageLoadingError) -> ImagePlan? {
        guard let configDescriptor = manifest.config, let configDigest = configDescriptor.digest,
            let layers = manifest.layers
        else {
            throw fail(.badMetadata(file: path, message: "manifest lacks config or layers"))
        }
        let configType = configDescriptor.mediaType ?? ""
        if !configType.isEmpty && !configType.contains("image.config") && !configType.contains("container.image") {
            notes.append("skipped manifest \(path): config type \(configType) is not an image config")
            return nil
        }
        let configPath = try blobPath(configDigest, in: path)
        let config = try loadConfig(configPath, referencedBy: path)
        var layerPaths: [String] = []
        var mediaTypes: [String?] = []
        var digests: [String?] = []
        for layer in layers {
            guard let digest = layer.digest else {
                throw fail(.badMetadata(file: path, message: "a layer descriptor has no digest"))
            }
            let blobPath = try blobPath(digest, in: path)
            guard catalog.blobs[blobPath] != nil else {
                throw fail(.missingBlob(path: blobPath, referencedBy: path))
            }
            layerPaths.append(blobPath)
            mediaTypes.append(layer.mediaType)
            digests.append(digest)
        }
        return ImagePlan(
            tags: tags.sorted(), configPath: configPath, config: config, configDigest: configDigest,
            manifestDigest: nil, platform: nil, layerPaths: layerPaths, layerMediaTypes: mediaTypes,
            layerDigests: digests)
    }
}
