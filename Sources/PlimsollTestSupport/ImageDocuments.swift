/// OCI media types used by the fixtures.
public enum OCIMediaType {
    public static let manifest = "application/vnd.oci.image.manifest.v1+json"
    public static let index = "application/vnd.oci.image.index.v1+json"
    public static let config = "application/vnd.oci.image.config.v1+json"
    public static let inToto = "application/vnd.in-toto+json"
}

/// A content-addressed JSON document (config, manifest, index) ready to be written as a blob.
struct JSONBlob {
    var bytes: [UInt8]
    var digest: String
    var size: Int64 { Int64(bytes.count) }
    /// The hex part of the digest.
    var hex: String { String(digest.dropFirst("sha256:".count)) }

    init(_ json: FixtureJSON) {
        bytes = json.bytes
        digest = sha256Digest(bytes)
    }

    func descriptor(mediaType: String, extra: [(String, FixtureJSON)] = []) -> FixtureJSON {
        .object([("mediaType", .string(mediaType)), ("digest", .string(digest)), ("size", .int(size))] + extra)
    }
}

/// Builds the JSON documents of one image from its spec and its built layers.
enum ImageDocuments {
    static func config(_ image: ImageSpec, layers: [BuiltLayer]) -> JSONBlob {
        let spec = image.config
        var runConfig: [(String, FixtureJSON)] = []
        if let user = spec.user { runConfig.append(("User", .string(user))) }
        if !spec.env.isEmpty { runConfig.append(("Env", .strings(spec.env))) }
        if let entrypoint = spec.entrypoint { runConfig.append(("Entrypoint", .strings(entrypoint))) }
        if let cmd = spec.cmd { runConfig.append(("Cmd", .strings(cmd))) }
        if let healthcheck = spec.healthcheck {
            runConfig.append(("Healthcheck", .object([("Test", .strings(healthcheck))])))
        }
        if let workdir = spec.workdir { runConfig.append(("WorkingDir", .string(workdir))) }
        if !spec.labels.isEmpty {
            let labels = spec.labels.sorted { $0.key < $1.key }.map { ($0.key, FixtureJSON.string($0.value)) }
            runConfig.append(("Labels", .object(labels)))
        }

        var members: [(String, FixtureJSON)] = [
            ("architecture", .string(image.platform.architecture)),
            ("config", .object(runConfig)),
            ("created", .string(spec.created)),
        ]
        if !spec.omitHistory {
            let history = spec.resolvedHistory(layers: image.layers).map { entry -> FixtureJSON in
                var fields: [(String, FixtureJSON)] = [
                    ("created", .string(spec.created)), ("created_by", .string(entry.createdBy)),
                ]
                if entry.emptyLayer { fields.append(("empty_layer", .bool(true))) }
                return .object(fields)
            }
            members.append(("history", .array(history)))
        }
        members.append(("os", .string(image.platform.os)))
        let diffIDs = spec.diffIDsOverride ?? layers.map(\.diffID)
        members.append(("rootfs", .object([("type", .string("layers")), ("diff_ids", .strings(diffIDs))])))
        if let variant = image.platform.variant { members.append(("variant", .string(variant))) }
        return JSONBlob(.object(members))
    }

    static func ociManifest(config: JSONBlob, layers: [BuiltLayer]) -> JSONBlob {
        let layerDescriptors = layers.map { layer -> FixtureJSON in
            .object([
                ("mediaType", .string(layer.compression.ociMediaType)),
                ("digest", .string(layer.blobDigest)), ("size", .int(layer.blobSize)),
            ])
        }
        return JSONBlob(.object([
            ("schemaVersion", .int(2)),
            ("mediaType", .string(OCIMediaType.manifest)),
            ("config", config.descriptor(mediaType: OCIMediaType.config)),
            ("layers", .array(layerDescriptors)),
        ]))
    }

    static func platform(_ platform: PlatformSpec) -> FixtureJSON {
        var members: [(String, FixtureJSON)] = [
            ("architecture", .string(platform.architecture)), ("os", .string(platform.os)),
        ]
        if let variant = platform.variant { members.append(("variant", .string(variant))) }
        return .object(members)
    }

    static func index(_ descriptors: [FixtureJSON]?) -> JSONBlob {
        JSONBlob(.object([
            ("schemaVersion", .int(2)),
            ("mediaType", .string(OCIMediaType.index)),
            ("manifests", descriptors.map { .array($0) } ?? .null),
        ]))
    }

    /// The blobs of a buildx attestation manifest for the image manifest `subject`: an in-toto
    /// statement as the only "layer", a minimal config, and the manifest itself.
    static func attestation(subject: JSONBlob, tag: String?) -> (layer: JSONBlob, config: JSONBlob, manifest: JSONBlob) {
        let statement = JSONBlob(.object([
            ("_type", .string("https://in-toto.io/Statement/v0.1")),
            ("predicateType", .string("https://spdx.dev/Document")),
            ("subject", .array([.object([
                ("name", .string("pkg:docker/\(tag ?? "image")")),
                ("digest", .object([("sha256", .string(subject.hex))])),
            ])])),
            ("predicate", .object([("spdxVersion", .string("SPDX-2.3"))])),
        ]))
        let config = JSONBlob(.object([
            ("architecture", .string("unknown")), ("os", .string("unknown")), ("config", .object([])),
            ("rootfs", .object([("type", .string("layers")), ("diff_ids", .strings([statement.digest]))])),
        ]))
        let manifest = JSONBlob(.object([
            ("schemaVersion", .int(2)),
            ("mediaType", .string(OCIMediaType.manifest)),
            ("config", config.descriptor(mediaType: OCIMediaType.config)),
            ("layers", .array([statement.descriptor(
                mediaType: OCIMediaType.inToto,
                extra: [("annotations", .object([("in-toto.io/predicate-type", .string("https://spdx.dev/Document"))]))]
            )])),
        ]))
        return (statement, config, manifest)
    }

    /// A descriptor for a platform whose manifest is not in the archive (containerd store).
    static func absentDescriptor(platform: PlatformSpec) -> FixtureJSON {
        let phantom = JSONBlob(.object([("absent", .string(platform.description))]))
        return phantom.descriptor(mediaType: OCIMediaType.manifest, extra: [("platform", Self.platform(platform))])
    }

    /// `io.containerd.image.name` for a tag: the fully qualified reference Docker 25 writes.
    static func qualifiedName(_ tag: String) -> String {
        let (repository, reference) = splitTag(tag)
        var parts = repository.split(separator: "/").map(String.init)
        let first = parts.first ?? ""
        let hasRegistry = parts.count > 1 && (first.contains(".") || first.contains(":") || first == "localhost")
        if !hasRegistry {
            if parts.count == 1 { parts.insert("library", at: 0) }
            parts.insert("docker.io", at: 0)
        }
        return parts.joined(separator: "/") + ":" + reference
    }

    /// Splits `repo:tag` at the last colon after the last slash; no tag means `latest`.
    static func splitTag(_ tag: String) -> (repository: String, tag: String) {
        let lastSlash = tag.lastIndex(of: "/") ?? tag.startIndex
        if let colon = tag[lastSlash...].lastIndex(of: ":") {
            return (String(tag[..<colon]), String(tag[tag.index(after: colon)...]))
        }
        return (tag, "latest")
    }
}
