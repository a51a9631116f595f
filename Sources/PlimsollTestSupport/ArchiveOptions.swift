/// Which writer's tarball layout to imitate (FORMATS.md, "Layouts").
public enum ArchiveLayout: String, Hashable, Sendable, CaseIterable {
    /// Docker up to 24: `<v1id>/layer.tar`, `<v1id>/json`, `<v1id>/VERSION`, `<hex>.json` config,
    /// `manifest.json`, `repositories`.
    case legacy
    /// Docker 25+: an OCI layout (`oci-layout`, `index.json`, `blobs/sha256/<hex>`) plus
    /// `manifest.json` pointing into `blobs/`.
    case docker25
    /// buildx `type=oci` / `skopeo copy oci-archive:`: the OCI layout without `manifest.json`.
    case ociArchive
    /// `skopeo copy docker-archive:`: layers at the root as `<diffid>.tar`, plus `<v1id>/layer.tar`
    /// symlinks to them (written before their target, not referenced by `manifest.json`).
    case skopeo
    /// kaniko / go-containerregistry: gzip layers at the root as `<digest>.tar.gz`, the config
    /// named `sha256:<hex>`.
    case kaniko
}

/// Compression of the outer tarball.
public enum OuterCompression: String, Hashable, Sendable {
    /// Stored as a plain tar.
    case none
    /// gzip-compressed outer tarball.
    case gzip
    /// zstd-compressed outer tarball.
    case zstd
}

/// Layout and quirks of the image tarball to write.
public struct ArchiveOptions: Hashable, Sendable {
    public var layout: ArchiveLayout
    public var outerCompression: OuterCompression
    /// Write manifests, index and configs before the layers (default: after, as docker does).
    public var metadataFirst: Bool
    /// Legacy: a layer whose blob equals an earlier one becomes a `layer.tar` symlink to it.
    /// Without this, identical layers at different stack positions are written twice.
    public var dedupIdenticalLayers: Bool
    /// Docker 25.0: `"manifests": null` in index.json (readers must fall back to manifest.json).
    public var indexManifestsNull: Bool
    /// OCI layouts: extra index descriptors for these platforms (`linux/arm64`, …) whose
    /// manifests are absent from the archive, as the containerd image store writes.
    public var extraIndexPlatformsAbsent: [String]
    /// OCI layouts: add a buildx attestation manifest (in-toto layer) for each image.
    public var attestation: Bool
    /// OCI layouts: index.json points at one image index blob that lists the manifests.
    public var nestedIndex: Bool
    /// Also write a `repositories` file where the layout has one (legacy, skopeo).
    public var writeRepositories: Bool

    public init(
        layout: ArchiveLayout = .legacy, outerCompression: OuterCompression = .none, metadataFirst: Bool = false,
        dedupIdenticalLayers: Bool = false, indexManifestsNull: Bool = false,
        extraIndexPlatformsAbsent: [String] = [], attestation: Bool = false, nestedIndex: Bool = false,
        writeRepositories: Bool = true
    ) {
        self.layout = layout
        self.outerCompression = outerCompression
        self.metadataFirst = metadataFirst
        self.dedupIdenticalLayers = dedupIdenticalLayers
        self.indexManifestsNull = indexManifestsNull
        self.extraIndexPlatformsAbsent = extraIndexPlatformsAbsent
        self.attestation = attestation
        self.nestedIndex = nestedIndex
        self.writeRepositories = writeRepositories
    }
}

/// A spec that cannot be written as asked.
public struct FixtureError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
