/// The facts of an image config that reports and findings use.
public struct ImageConfigFacts: Sendable, Equatable {
    /// `config.User`; empty means root.
    public var user: String
    public var workdir: String
    /// True when the config declares a HEALTHCHECK that is not `NONE`.
    public var healthcheck: Bool
    public var entrypoint: [String]?
    public var cmd: [String]?
    /// When the image was created, as the config states it (RFC 3339), if it does.
    public var created: String?

    public init(
        user: String = "", workdir: String = "", healthcheck: Bool = false,
        entrypoint: [String]? = nil, cmd: [String]? = nil, created: String? = nil
    ) {
        self.user = user
        self.workdir = workdir
        self.healthcheck = healthcheck
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.created = created
    }

    /// True when the container would run as root: no user, "root", "0" or "0:<group>".
    public var runsAsRoot: Bool {
        let name = user.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return name.isEmpty || name == "root" || name == "0"
    }
}
