import Foundation
import ImageModel

/// The parts of an image config (the `<hex>.json` blob) that the loader reads.
struct ImageConfigDocument: Sendable {
    struct HistoryEntry: Sendable, Decodable {
        var createdBy: String?
        var emptyLayer: Bool

        enum CodingKeys: String, CodingKey {
            case createdBy = "created_by", emptyLayer = "empty_layer"
        }

        init(createdBy: String?, emptyLayer: Bool) {
            self.createdBy = createdBy
            self.emptyLayer = emptyLayer
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            createdBy = try container.decodeIfPresent(String.self, forKey: .createdBy)
            emptyLayer = try container.decodeIfPresent(Bool.self, forKey: .emptyLayer) ?? false
        }
    }

    var facts: ImageConfigFacts
    var platform: Platform?
    var diffIDs: [String]
    var history: [HistoryEntry]?

    /// Decodes a config; a document that is not JSON or not of a config's shape is a problem that
    /// names the key.
    static func decode(_ bytes: [UInt8]) -> Result<ImageConfigDocument, DocumentProblem> {
        DocumentDecoder.decode(Raw.self, from: bytes).map(ImageConfigDocument.init)
    }

    private init(_ raw: Raw) {
        let config = raw.config ?? raw.containerConfig
        let test = config?.healthcheck?.test
        facts = ImageConfigFacts(
            user: config?.user ?? "",
            workdir: config?.workingDir ?? "",
            healthcheck: test.map { !$0.isEmpty && $0.first != "NONE" } ?? false,
            entrypoint: config?.entrypoint,
            cmd: config?.cmd,
            created: raw.created)
        if let os = raw.os, let architecture = raw.architecture {
            platform = Platform(os: os, architecture: architecture, variant: raw.variant)
        }
        diffIDs = raw.rootfs?.diffIDs ?? []
        history = raw.history
    }

    /// The config as written; only the keys read are declared.
    private struct Raw: Decodable {
        struct Container: Decodable {
            struct Healthcheck: Decodable {
                var test: [String]?
                enum CodingKeys: String, CodingKey { case test = "Test" }
            }
            var user: String?
            var workingDir: String?
            var healthcheck: Healthcheck?
            var entrypoint: [String]?
            var cmd: [String]?

            enum CodingKeys: String, CodingKey {
                case user = "User", workingDir = "WorkingDir", healthcheck = "Healthcheck"
                case entrypoint = "Entrypoint", cmd = "Cmd"
            }
        }
        struct RootFS: Decodable {
            var diffIDs: [String]?
            enum CodingKeys: String, CodingKey { case diffIDs = "diff_ids" }
        }
        var config: Container?
        var containerConfig: Container?
        var created: String?
        var os: String?
        var architecture: String?
        var variant: String?
        var rootfs: RootFS?
        var history: [HistoryEntry]?

        enum CodingKeys: String, CodingKey {
            case config, containerConfig = "container_config", created, os, architecture, variant, rootfs, history
        }
    }
}
