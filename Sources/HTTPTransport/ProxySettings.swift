/// Proxies from the environment, set on every transfer explicitly: libcurl reads `http_proxy`
/// but ignores the upper-case `HTTP_PROXY` (a CGI precaution), and users set either.
public struct ProxySettings: Sendable, Equatable {
    public var httpProxy: String?
    public var httpsProxy: String?
    /// Comma-separated hosts, domains or `*` that bypass the proxy.
    public var noProxy: String?

    public init(httpProxy: String? = nil, httpsProxy: String? = nil, noProxy: String? = nil) {
        self.httpProxy = httpProxy
        self.httpsProxy = httpsProxy
        self.noProxy = noProxy
    }

    /// Lower-case names first (curl's and Go's convention), then upper-case.
    public static func fromEnvironment(_ variables: [String: String]) -> ProxySettings {
        func pick(_ name: String) -> String? {
            let value = variables[name.lowercased()] ?? variables[name.uppercased()]
            return value?.isEmpty == false ? value : nil
        }
        return ProxySettings(httpProxy: pick("http_proxy"), httpsProxy: pick("https_proxy"), noProxy: pick("no_proxy"))
    }

    /// The proxy for a URL's scheme; "" (no proxy) when none applies.
    func proxy(for url: String) -> String {
        (url.lowercased().hasPrefix("https:") ? httpsProxy : httpProxy) ?? ""
    }
}
