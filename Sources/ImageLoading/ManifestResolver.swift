import Foundation
import ImageModel

/// Turns a catalog's manifests into image plans: legacy `manifest.json` (Docker up to 24, skopeo,
/// kaniko), Docker 25+ (which writes both), and OCI `index.json` layouts with nested indexes,
/// absent platforms and attestations.
struct ManifestResolver {
    var inputName: String
    var catalog: TarballCatalog

    private func fail(_ problem: ImageLoadingError.Problem) -> ImageLoadingError {
        ImageLoadingError(input: inputName, problem: problem)
    }

    private func document(_ path: String) throws(ImageLoadingError) -> Any? {
        guard let bytes = catalog.documents[path] else { return nil }
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw fail(.badMetadata(file: path, message: "invalid JSON (\(Self.reason(error)))"))
        }
    }

    private static func reason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? "unreadable"
    }

    /// Every image the input describes, in manifest order.
    func plans() throws(ImageLoadingError) -> (plans: [ImagePlan], notes: [String]) {
        let index = try document("index.json") as? [String: Any]
        let ociManifests = try ociPlans(index: index)
        if catalog.documents["manifest.json"] != nil {
            let legacy = try document("manifest.json")
            if let entries = legacy as? [[String: Any]], !entries.isEmpty {
                return (try legacyPlans(entries, oci: ociManifests.plans), ociManifests.notes)
            }
            if legacy is NSNull || (legacy as? [Any])?.isEmpty == true {
                if !ociManifests.plans.isEmpty { return ociManifests }
                throw fail(.nullManifest("manifest.json"))
            }
            throw fail(.badMetadata(file: "manifest.json", message: "expected a list of images"))
        }
        if index != nil {
            if ociManifests.plans.isEmpty {
                if ociManifests.notes.isEmpty { throw fail(.nullManifest("index.json")) }
                throw fail(.notAnImage("index.json names no image whose blobs are present (\(ociManifests.notes.joined(separator: "; ")))"))
            }
            return ociManifests
        }
        throw fail(.notAnImage(notAnImageHint()))
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

    private func legacyPlans(_ entries: [[String: Any]], oci: [ImagePlan]) throws(ImageLoadingError) -> [ImagePlan] {
        var plans: [ImagePlan] = []
        for (number, entry) in entries.enumerated() {
            guard let configName = entry["Config"] as? String, let layerNames = entry["Layers"] as? [String] else {
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
                    tags: (entry["RepoTags"] as? [String] ?? []).sorted(),
                    configPath: configPath, config: config, configDigest: match?.configDigest ?? configDigest,
                    manifestDigest: match?.manifestDigest, platform: match?.platform ?? config.platform,
                    layerPaths: layerPaths,
                    layerMediaTypes: match?.layerMediaTypes ?? layerPaths.map { _ in nil },
                    layerDigests: match?.layerDigests ?? layerPaths.map { Self.digest(fromPath: $0) }))
        }
        return plans
    }

    /// "blobs/sha256/<hex>", "<hex>.json", "sha256:<hex>", "<hex>.tar(.gz)" -> "sha256:<hex>".
    static func digest(fromPath path: String) -> String? {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        if path.hasPrefix("blobs/sha256/") { return "sha256:" + base }
        if base.hasPrefix("sha256:") { return base }
        for suffix in [".json", ".tar.gz", ".tar"] where base.hasSuffix(suffix) {
            let hex = String(base.dropLast(suffix.count))
            if hex.count == 64, hex.allSatisfy(\.isHexDigit) { return "sha256:" + hex }
        }
        return nil
    }

    private func loadConfig(_ path: String, referencedBy: String) throws(ImageLoadingError) -> ImageConfigDocument {
        guard let object = try document(path) else {
            throw fail(.missingBlob(path: path, referencedBy: referencedBy))
        }
        guard let dictionary = object as? [String: Any] else {
            throw fail(.badMetadata(file: path, message: "image config is not a JSON object"))
        }
        do {
            return try ImageConfigDocument(json: dictionary, file: path)
        } catch {
            throw fail(.badMetadata(file: error.file, message: error.message))
        }
    }

    // MARK: OCI index.json

    private static let indexTypes: Set<String> = [
        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    ]

    private func ociPlans(index: [String: Any]?) throws(ImageLoadingError) -> (plans: [ImagePlan], notes: [String]) {
        guard let index else { return ([], []) }
        var plans: [ImagePlan] = []
        var notes: [String] = []
        try walk(index: index, file: "index.json", inheritedTags: [], depth: 0, plans: &plans, notes: &notes)
        return (plans, notes)
    }

    private func walk(
        index: [String: Any], file: String, inheritedTags: [String], depth: Int,
        plans: inout [ImagePlan], notes: inout [String]
    ) throws(ImageLoadingError) {
        guard depth < 8 else { throw fail(.badMetadata(file: file, message: "indexes nest more than 8 deep")) }
        guard let descriptors = index["manifests"] as? [[String: Any]] else { return }
        for descriptor in descriptors {
            guard let digest = descriptor["digest"] as? String else { continue }
            let path = "blobs/" + digest.replacingOccurrences(of: ":", with: "/")
            let annotations = descriptor["annotations"] as? [String: String] ?? [:]
            let platformObject = descriptor["platform"] as? [String: Any]
            let platform = platformObject.flatMap { object -> Platform? in
                guard let os = object["os"] as? String, let arch = object["architecture"] as? String else { return nil }
                return Platform(os: os, architecture: arch, variant: object["variant"] as? String)
            }
            let label = platform.map { "\(digest) (\($0))" } ?? digest
            if annotations["vnd.docker.reference.type"] == "attestation-manifest"
                || (platform?.os == "unknown" && platform?.architecture == "unknown")
            {
                notes.append("skipped attestation manifest \(label)")
                continue
            }
            var tags = inheritedTags
            if let name = annotations["io.containerd.image.name"] ?? annotations["org.opencontainers.image.ref.name"] {
                tags.append(name)
            }
            guard let object = try document(path) as? [String: Any] else {
                notes.append("skipped manifest \(label): its blob is not in the archive")
                continue
            }
            let mediaType = descriptor["mediaType"] as? String ?? object["mediaType"] as? String ?? ""
            if Self.indexTypes.contains(mediaType) || (object["manifests"] != nil && object["layers"] == nil) {
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
        _ manifest: [String: Any], path: String, tags: [String], notes: inout [String]
    ) throws(ImageLoadingError) -> ImagePlan? {
        guard let configDescriptor = manifest["config"] as? [String: Any],
            let configDigest = configDescriptor["digest"] as? String,
            let layers = manifest["layers"] as? [[String: Any]]
        else {
            throw fail(.badMetadata(file: path, message: "manifest lacks config or layers"))
        }
        let configType = configDescriptor["mediaType"] as? String ?? ""
        if !configType.isEmpty && !configType.contains("image.config") && !configType.contains("container.image") {
            notes.append("skipped manifest \(path): config type \(configType) is not an image config")
            return nil
        }
        let configPath = "blobs/" + configDigest.replacingOccurrences(of: ":", with: "/")
        let config = try loadConfig(configPath, referencedBy: path)
        var layerPaths: [String] = []
        var mediaTypes: [String?] = []
        var digests: [String?] = []
        for layer in layers {
            guard let digest = layer["digest"] as? String else {
                throw fail(.badMetadata(file: path, message: "a layer descriptor has no digest"))
            }
            let blobPath = "blobs/" + digest.replacingOccurrences(of: ":", with: "/")
            guard catalog.blobs[blobPath] != nil || catalog.documents[blobPath] != nil else {
                throw fail(.missingBlob(path: blobPath, referencedBy: path))
            }
            layerPaths.append(blobPath)
            mediaTypes.append(layer["mediaType"] as? String)
            digests.append(digest)
        }
        return ImagePlan(
            tags: tags.sorted(), configPath: configPath, config: config, configDigest: configDigest,
            manifestDigest: nil, platform: nil, layerPaths: layerPaths, layerMediaTypes: mediaTypes,
            layerDigests: digests)
    }
}
