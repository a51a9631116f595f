import ImageModel

/// The parts of an image config (the `<hex>.json` blob) that the loader reads.
struct ImageConfigDocument: Sendable {
    struct HistoryEntry: Sendable {
        var createdBy: String?
        var emptyLayer: Bool
    }

    var facts: ImageConfigFacts
    var platform: Platform?
    var diffIDs: [String]
    var history: [HistoryEntry]?

    /// Parses a config; `file` names it in errors.
    init(json object: [String: Any], file: String) throws(JSONShapeError) {
        let config = object["config"] as? [String: Any] ?? object["container_config"] as? [String: Any] ?? [:]
        let healthcheck = (config["Healthcheck"] as? [String: Any])?["Test"] as? [String]
        facts = ImageConfigFacts(
            user: config["User"] as? String ?? "",
            workdir: config["WorkingDir"] as? String ?? "",
            healthcheck: healthcheck.map { !$0.isEmpty && $0.first != "NONE" } ?? false,
            entrypoint: config["Entrypoint"] as? [String],
            cmd: config["Cmd"] as? [String],
            created: object["created"] as? String)
        if let os = object["os"] as? String, let architecture = object["architecture"] as? String {
            platform = Platform(os: os, architecture: architecture, variant: object["variant"] as? String)
        }
        let rootfs = object["rootfs"] as? [String: Any]
        guard let ids = rootfs?["diff_ids"] as? [String] ?? (rootfs == nil ? [] : nil) else {
            throw JSONShapeError(file: file, message: "rootfs.diff_ids is not a list of strings")
        }
        diffIDs = ids
        history = (object["history"] as? [[String: Any]])?.map {
            HistoryEntry(createdBy: $0["created_by"] as? String, emptyLayer: $0["empty_layer"] as? Bool ?? false)
        }
    }
}

/// A JSON document that parsed but does not have the shape an image needs.
struct JSONShapeError: Error {
    var file: String
    var message: String
}
