/// One GET or HEAD, with what the connection needs (CA certificates, a unix socket, a client
/// certificate). Built by the registry and engine clients; run by `HTTPTransfer`.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case head = "HEAD"
    }

    public var url: String
    public var method: Method
    /// Header lines in order (name, value). `Authorization` values are never logged.
    public var headers: [(name: String, value: String)]
    /// PEM certificates trusted in addition to the system store (concatenated PEM text).
    public var extraCertificates: String?
    /// Connect to this unix socket instead of the URL's host (the Docker Engine API).
    public var unixSocket: String?
    /// A client certificate and key (PEM files), for a TLS-verified Docker Engine.
    public var clientCertificate: (certificate: String, key: String)?
    /// Resume a body from this byte (`Range: bytes=N-`).
    public var rangeStart: Int64?
    /// Follow redirects (registries send blob downloads to storage back ends).
    public var followRedirects = true
    /// Proxies for this request; nil: none, whatever the environment says.
    public var proxy: ProxySettings?

    public init(url: String, method: Method = .get, headers: [(name: String, value: String)] = []) {
        self.url = url
        self.method = method
        self.headers = headers
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
