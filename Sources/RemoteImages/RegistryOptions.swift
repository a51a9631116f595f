import Foundation
import HTTPTransport

/// How to reach registries: trust, plain-HTTP exceptions, proxies, credentials and retries.
public struct RegistryOptions: Sendable {
    /// `--ca-file`: PEM certificates trusted for every registry, beside the system store.
    public var caFile: String?
    /// `--insecure-registry HOST`: hosts that may be reached over plain HTTP (loopback always may).
    public var insecureHosts: Set<String>
    /// Docker's per-host trust directory: `DIR/HOST/ca.crt`.
    public var certsDirectory: String
    public var proxy: ProxySettings
    public var credentials: CredentialStore
    /// Attempts per request (the first included) on 429, 5xx and dropped connections.
    public var attempts: Int
    /// The first backoff; each retry doubles it.
    public var backoffSeconds: Double

    public init(
        caFile: String? = nil, insecureHosts: Set<String> = [], certsDirectory: String = "/etc/docker/certs.d",
        proxy: ProxySettings = .fromEnvironment(ProcessInfo.processInfo.environment),
        credentials: CredentialStore = CredentialStore(), attempts: Int = 4, backoffSeconds: Double = 0.25
    ) {
        self.caFile = caFile
        self.insecureHosts = insecureHosts
        self.certsDirectory = certsDirectory
        self.proxy = proxy
        self.credentials = credentials
        self.attempts = max(1, attempts)
        self.backoffSeconds = backoffSeconds
    }

    /// Plain HTTP is tried only for loopback hosts and hosts named with `--insecure-registry`.
    func allowsPlainHTTP(_ host: String) -> Bool {
        ImageReference.isLoopback(host: host) || insecureHosts.contains(host) || insecureHosts.contains(ImageReference.hostName(host))
    }

    /// The extra PEM text trusted for `host`: `--ca-file` and `certs.d/HOST/ca.crt`.
    func extraCertificates(for host: String) -> String? {
        var pem = ""
        for path in [caFile, certsDirectory + "/" + host + "/ca.crt"].compactMap({ $0 }) {
            if let data = FileManager.default.contents(atPath: path) {
                pem += String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        return pem.isEmpty ? nil : pem
    }
}
