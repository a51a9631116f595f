import Foundation

/// Where the Docker Engine API listens, from `DOCKER_HOST` (default `unix:///var/run/docker.sock`;
/// `tcp://HOST:PORT`, with TLS when `DOCKER_TLS_VERIFY` is set, using `DOCKER_CERT_PATH`'s
/// `ca.pem`, `cert.pem` and `key.pem`, default `~/.docker`).
public struct EngineEndpoint: Sendable, Equatable {
    /// The URL requests are sent to; for a unix socket its host part is a placeholder.
    public var baseURL: String
    public var unixSocket: String?
    /// PEM file paths for a TLS-verified engine.
    public var caFile: String?
    public var certificateFile: String?
    public var keyFile: String?
    /// `DOCKER_HOST` as the user would recognise it, for the "not running" line.
    public var label: String

    public static let defaultSocket = "/var/run/docker.sock"

    public init(baseURL: String, unixSocket: String?, label: String) {
        self.baseURL = baseURL
        self.unixSocket = unixSocket
        self.label = label
    }

    public static func fromEnvironment(_ variables: [String: String] = ProcessInfo.processInfo.environment) -> EngineEndpoint {
        let host = variables["DOCKER_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "unix://" + defaultSocket
        if host.hasPrefix("unix://") {
            let path = String(host.dropFirst("unix://".count))
            return EngineEndpoint(baseURL: "http://localhost", unixSocket: path, label: host)
        }
        var address = host
        for prefix in ["tcp://", "http://", "https://"] where address.hasPrefix(prefix) { address = String(address.dropFirst(prefix.count)) }
        if address.hasSuffix("/") { address.removeLast() }
        let verify = !(variables["DOCKER_TLS_VERIFY"] ?? "").isEmpty && variables["DOCKER_TLS_VERIFY"] != "0"
        var endpoint = EngineEndpoint(
            baseURL: (verify || host.hasPrefix("https://") ? "https://" : "http://") + address, unixSocket: nil, label: host)
        if verify {
            let directory = variables["DOCKER_CERT_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? (variables["HOME"] ?? "") + "/.docker"
            endpoint.caFile = directory + "/ca.pem"
            endpoint.certificateFile = directory + "/cert.pem"
            endpoint.keyFile = directory + "/key.pem"
        }
        return endpoint
    }
}
