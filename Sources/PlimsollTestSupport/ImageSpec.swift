/// An image platform (`os/architecture[/variant]`).
public struct PlatformSpec: Hashable, Sendable, CustomStringConvertible {
    public var os: String
    public var architecture: String
    public var variant: String?

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// Parses `linux/arm64` or `linux/arm/v7`; a missing architecture becomes `amd64`.
    public init(_ string: String) {
        let parts = string.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        os = parts.first ?? "linux"
        architecture = parts.count > 1 ? parts[1] : "amd64"
        variant = parts.count > 2 ? parts[2] : nil
    }

    public static let linuxAMD64 = PlatformSpec(os: "linux", architecture: "amd64")
    public static let linuxARM64 = PlatformSpec(os: "linux", architecture: "arm64", variant: "v8")
    /// The platform buildx gives attestation manifests.
    public static let unknown = PlatformSpec(os: "unknown", architecture: "unknown")

    /// `os/architecture[/variant]`.
    public var description: String {
        [os, architecture, variant].compactMap { $0 }.joined(separator: "/")
    }
}

/// One image: its tags, its layers bottom first, and its config.
public struct ImageSpec: Hashable, Sendable {
    /// References such as `app:1.0` or `registry.example.com/team/app:2`; may be empty (untagged).
    public var tags: [String]
    public var layers: [LayerSpec]
    public var config: ConfigSpec
    public var platform: PlatformSpec

    public init(
        tags: [String] = [], layers: [LayerSpec], config: ConfigSpec = ConfigSpec(),
        platform: PlatformSpec = .linuxAMD64
    ) {
        self.tags = tags
        self.layers = layers
        self.config = config
        self.platform = platform
    }

    /// Content bytes of the whole image: the sum over layers.
    public var contentBytes: Int64 { layers.reduce(0) { $0 + $1.contentBytes } }
}

/// One history entry of the image config.
public struct HistorySpec: Hashable, Sendable {
    public var createdBy: String
    /// `empty_layer: true`: an instruction (ENV, CMD, …) that made no layer.
    public var emptyLayer: Bool

    public init(createdBy: String, emptyLayer: Bool = false) {
        self.createdBy = createdBy
        self.emptyLayer = emptyLayer
    }
}

/// An `empty_layer` history entry inserted after layer `afterLayer` (-1: before the first).
public struct EmptyHistorySpec: Hashable, Sendable {
    public var afterLayer: Int
    public var createdBy: String

    public init(afterLayer: Int, createdBy: String) {
        self.afterLayer = afterLayer
        self.createdBy = createdBy
    }
}

/// The parts of the image config JSON that tests care about.
public struct ConfigSpec: Hashable, Sendable {
    /// The fixed creation time, so digests are reproducible.
    public static let fixedCreated = "2024-01-01T00:00:00Z"

    public var user: String?
    public var workdir: String?
    public var env: [String]
    public var cmd: [String]?
    public var entrypoint: [String]?
    /// `Healthcheck.Test`, e.g. `["CMD", "curl", "-f", "http://localhost/"]`.
    public var healthcheck: [String]?
    public var labels: [String: String]
    /// Explicit history. nil derives one non-empty entry per layer from `LayerSpec.createdBy`,
    /// with `extraEmptyHistory` interleaved.
    public var history: [HistorySpec]?
    public var extraEmptyHistory: [EmptyHistorySpec]
    /// Leaves the `history` key out altogether (some writers do).
    public var omitHistory: Bool
    /// Replaces the real `rootfs.diff_ids` (to make a deliberately mismatching digest).
    public var diffIDsOverride: [String]?
    public var created: String

    public init(
        user: String? = nil, workdir: String? = nil, env: [String] = [], cmd: [String]? = nil,
        entrypoint: [String]? = nil, healthcheck: [String]? = nil, labels: [String: String] = [:],
        history: [HistorySpec]? = nil, extraEmptyHistory: [EmptyHistorySpec] = [], omitHistory: Bool = false,
        diffIDsOverride: [String]? = nil, created: String = ConfigSpec.fixedCreated
    ) {
        self.user = user
        self.workdir = workdir
        self.env = env
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.healthcheck = healthcheck
        self.labels = labels
        self.history = history
        self.extraEmptyHistory = extraEmptyHistory
        self.omitHistory = omitHistory
        self.diffIDsOverride = diffIDsOverride
        self.created = created
    }

    /// The history written for `layers`: the explicit list, or the derived one.
    public func resolvedHistory(layers: [LayerSpec]) -> [HistorySpec] {
        if let history { return history }
        var result = extraEmptyHistory.filter { $0.afterLayer < 0 }.map {
            HistorySpec(createdBy: $0.createdBy, emptyLayer: true)
        }
        for (index, layer) in layers.enumerated() {
            result.append(HistorySpec(createdBy: layer.createdBy ?? "RUN layer \(index)"))
            result += extraEmptyHistory.filter { $0.afterLayer == index }.map {
                HistorySpec(createdBy: $0.createdBy, emptyLayer: true)
            }
        }
        // Entries that point past the last layer still appear, at the end, rather than vanish.
        result += extraEmptyHistory.filter { $0.afterLayer >= layers.count }.map {
            HistorySpec(createdBy: $0.createdBy, emptyLayer: true)
        }
        return result
    }
}
