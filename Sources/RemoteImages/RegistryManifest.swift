import Crypto
import Foundation
import ImageModel

/// An image manifest fetched from a registry (Docker v2 schema 2 or OCI), chosen from a manifest
/// list or OCI index by platform when the reference names one.
public struct RegistryManifest: Sendable {
    /// A content descriptor: what a blob is, its digest and its exact size.
    public struct Descriptor: Sendable, Hashable {
        public var mediaType: String?
        public var digest: String
        public var size: Int64
    }

    public var digest: String
    public var mediaType: String
    public var config: Descriptor
    public var layers: [Descriptor]
    /// The platform the index stated for this manifest, if it came from one.
    public var platform: Platform?
    public var notes: [String]

    static let manifestTypes = [
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
    ]
    static let indexTypes = [
        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    ]
    /// The largest manifest or index read (the distribution registry's own limit is 4 MiB).
    static let documentLimit = 4 << 20
}

extension RegistryClient {
    /// The image manifest the reference names; through an index, the one `platform` chooses by
    /// the same rule as for tarballs.
    public func manifest(platform requested: Platform?) throws(RemoteImageError) -> RegistryManifest {
        var (document, digest, mediaType) = try fetchDocument(reference.manifestReference, expected: reference.digest)
        var platform: Platform?
        var notes: [String] = []
        if document.isIndex(describedAs: mediaType.isEmpty ? nil : mediaType) {
            let entry = try choose(from: document, requested: requested, notes: &notes)
            platform = entry.platform
            (document, digest, mediaType) = try fetchDocument(entry.digest, expected: entry.digest)
            if document.isIndex(describedAs: mediaType.isEmpty ? nil : mediaType) || document.manifests != nil {
                throw RemoteImageError(.badManifest("index \(entry.digest) names another index; nested indexes are not followed"))
            }
        }
        if document.schemaVersion == 1 || mediaType.hasPrefix("application/vnd.docker.distribution.manifest.v1") {
            throw RemoteImageError(.badManifest("Docker schema 1 manifests are not supported"))
        }
        guard let configDescriptor = document.config, let config = Self.descriptor(configDescriptor),
            let layerDescriptors = document.layers
        else { throw RemoteImageError(.badManifest("manifest \(digest) lacks config or layers")) }
        var layers: [RegistryManifest.Descriptor] = []
        for layer in layerDescriptors {
            guard let descriptor = Self.descriptor(layer) else {
                throw RemoteImageError(.badManifest("manifest \(digest): a layer descriptor lacks a sha256 digest or a size"))
            }
            layers.append(descriptor)
        }
        return RegistryManifest(
            digest: digest, mediaType: mediaType, config: config, layers: layers, platform: platform, notes: notes)
    }

    /// A descriptor a blob can be fetched by: a valid digest and a size.
    static func descriptor(_ content: ContentDescriptor) -> RegistryManifest.Descriptor? {
        guard let digest = content.digest, ImageReference.isDigest(digest), let size = content.size, size >= 0 else { return nil }
        return RegistryManifest.Descriptor(mediaType: content.mediaType, digest: digest, size: size)
    }

    /// One manifest or index: parsed, its digest computed from its exact bytes (and checked when
    /// the reference states it), its media type from the header or the document.
    private func fetchDocument(
        _ manifestReference: String, expected: String?
    ) throws(RemoteImageError) -> (document: ManifestDocument, digest: String, mediaType: String) {
        let what = "manifest \(reference.repository):\(manifestReference) on \(reference.apiHost)"
        let transfer = try open(
            "manifests/\(manifestReference)", accept: RegistryManifest.manifestTypes + RegistryManifest.indexTypes, what: what)
        let bytes: [UInt8]
        do {
            bytes = try transfer.readAll(limit: RegistryManifest.documentLimit)
        } catch let error {
            throw Self.classify(error)
        }
        let digest = ImageDigest.sha256(SHA256.hash(data: bytes))
        if let expected, expected != digest {
            throw RemoteImageError(.digestMismatch(digest: expected, actual: digest))
        }
        let document: ManifestDocument
        switch DocumentDecoder.decode(ManifestDocument.self, from: bytes) {
        case .success(let decoded): document = decoded
        case .failure(let problem): throw RemoteImageError(.badManifest("\(what) is not a manifest: \(problem)"))
        }
        let header = transfer.head.value("Content-Type")?.split(separator: ";").first.map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
        let mediaType = document.mediaType ?? header ?? ""
        return (document, digest, mediaType)
    }

    /// The index entry for the platform, skipping attestation manifests.
    private func choose(
        from index: ManifestDocument, requested: Platform?, notes: inout [String]
    ) throws(RemoteImageError) -> (digest: String, platform: Platform?) {
        var entries: [(digest: String, platform: Platform?)] = []
        for entry in index.manifests ?? [] {
            guard let digest = entry.digest, ImageReference.isDigest(digest) else { continue }
            if entry.isAttestation {
                notes.append("skipped attestation manifest \(digest)")
                continue
            }
            entries.append((digest, entry.parsedPlatform))
        }
        guard !entries.isEmpty else { throw RemoteImageError(.badManifest("the index names no image manifest")) }
        switch PlatformChoice.choose(entries.map(\.platform), requested: requested) {
        case .chosen(let indexes): return entries[indexes[0]]
        case .noSuchPlatform(let requested, let available):
            throw RemoteImageError(.noSuchPlatform(requested: requested.description, available: available))
        case .ambiguous(let available):
            throw RemoteImageError(.ambiguousPlatform(available: available))
        }
    }

    /// A small blob (the config), read whole and checked against its descriptor.
    public func smallBlob(_ descriptor: RegistryManifest.Descriptor, limit: Int) throws(RemoteImageError) -> [UInt8] {
        guard descriptor.size <= Int64(limit) else {
            throw RemoteImageError(.badManifest("config \(descriptor.digest) is \(descriptor.size) bytes, over the \(limit)-byte limit"))
        }
        let stream = BlobStream(client: self, descriptor: descriptor)
        var bytes: [UInt8] = []
        while true {
            let block: UnsafeRawBufferPointer
            do { block = try stream.read() } catch { throw stream.failure ?? RemoteImageError(.transfer("\(error)")) }
            if block.isEmpty { return bytes }
            bytes.append(contentsOf: block)
        }
    }
}
