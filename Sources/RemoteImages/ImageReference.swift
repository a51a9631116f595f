/// A registry reference, `[HOST[:PORT]/]REPOSITORY[:TAG][@DIGEST]`, normalised as Docker does:
/// no host means Docker Hub, and a one-component Hub repository lives under `library/`.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The host as written, with its port (`registry.example.com:5000`); `docker.io` for the Hub.
    public var host: String
    public var repository: String
    public var tag: String?
    public var digest: String?

    public static let dockerHub = "docker.io"

    public init(host: String, repository: String, tag: String? = nil, digest: String? = nil) {
        self.host = host
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses a reference; nil when it cannot be one (empty, upper-case repository, bad digest).
    public init?(parsing text: String) {
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
            guard let digest, Self.isDigest(digest) else { return nil }
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !components.isEmpty, !components.contains(where: \.isEmpty) else { return nil }
        var host = Self.dockerHub
        if components.count > 1, let first = components.first,
            first.contains(".") || first.contains(":") || first == "localhost" || first.contains("[")
        {
            host = first
            components.removeFirst()
        }
        var tag: String?
        if let last = components.last, let colon = last.lastIndex(of: ":") {
            tag = String(last[last.index(after: colon)...])
            components[components.count - 1] = String(last[..<colon])
            guard let tag, !tag.isEmpty, tag.count <= 128,
                tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) })
            else { return nil }
        }
        if host == Self.dockerHub || host == "index.docker.io" || host == "registry-1.docker.io" {
            host = Self.dockerHub
            if components.count == 1 { components.insert("library", at: 0) }
        }
        let repository = components.joined(separator: "/")
        guard !repository.isEmpty,
            repository.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "._-/".contains($0)) })
        else { return nil }
        if tag == nil && digest == nil { tag = "latest" }
        self.init(host: host, repository: repository, tag: tag, digest: digest)
    }

    static func isDigest(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// The host the API is served from: Docker Hub's API lives on registry-1.docker.io.
    public var apiHost: String { host == Self.dockerHub ? "registry-1.docker.io" : host }

    /// The tag or digest to ask the manifests endpoint for (the digest wins when both are given).
    public var manifestReference: String { digest ?? tag ?? "latest" }

    /// `host/repository:tag` (or `@digest`): what reports show and the gate names images from.
    public var description: String {
        var text = host + "/" + repository
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest }
        return text
    }

    /// True for hosts on this machine: plain HTTP is allowed only for these (and for hosts the user
    /// names with `--insecure-registry`).
    public var isLoopback: Bool { Self.isLoopback(host: host) }

    public static func isLoopback(host: String) -> Bool {
        let name = Self.hostName(host)
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }

    /// The host without its port (`[::1]:5000` -> `::1`).
    public static func hostName(_ host: String) -> String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            return String(host[host.index(after: host.startIndex)..<close])
        }
        return host.split(separator: ":").first.map(String.init) ?? host
    }
}
