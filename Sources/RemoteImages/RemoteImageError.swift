/// Why an image could not be read from a registry or an engine. Renders as one line (after the
/// reference, which the loader puts first); never contains a secret.
public struct RemoteImageError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Problem: Equatable, Sendable {
        /// 404 for the manifest: the repository or the tag does not exist.
        case notFound(String)
        /// 401/403 after every credential source was tried; `tried` names them.
        case unauthorized(status: Int, host: String, tried: [String])
        case unreachable(String)
        case tls(String)
        case digestMismatch(digest: String, actual: String)
        case sizeMismatch(digest: String, expected: Int64, actual: Int64)
        case cutShort(digest: String, received: Int64, expected: Int64, why: String)
        case badManifest(String)
        case noSuchPlatform(requested: String, available: [String])
        case ambiguousPlatform(available: [String])
        case httpStatus(status: Int, what: String)
        case engineNotRunning(endpoint: String, why: String)
        case transfer(String)
        case notAllowed(String)
    }

    public var problem: Problem

    public init(_ problem: Problem) { self.problem = problem }

    public var description: String {
        switch problem {
        case .notFound(let what): return "not found: \(what)"
        case .unauthorized(let status, let host, let tried):
            let word = status == 403 ? "403 Forbidden" : "401 Unauthorized"
            return "\(word) from \(host); credentials tried: \(tried.isEmpty ? "none" : tried.joined(separator: "; "))"
        case .unreachable(let why): return "registry unreachable: \(why)"
        case .tls(let why): return "TLS failure: \(why)"
        case .digestMismatch(let digest, let actual):
            return "blob \(digest) does not match its digest (the bytes hash to \(actual))"
        case .sizeMismatch(let digest, let expected, let actual):
            return "blob \(digest) is \(actual) bytes, its descriptor says \(expected)"
        case .cutShort(let digest, let received, let expected, let why):
            return "blob \(digest) cut short after \(received) of \(expected) bytes (\(why))"
        case .badManifest(let why): return "bad manifest: \(why)"
        case .noSuchPlatform(let requested, let available):
            return "no image for platform \(requested); available: \(available.joined(separator: ", "))"
        case .ambiguousPlatform(let available):
            return "several platforms and no linux/amd64; choose one with --platform: \(available.joined(separator: ", "))"
        case .httpStatus(let status, let what): return "HTTP \(status) for \(what)"
        case .engineNotRunning(let endpoint, let why): return "no Docker engine answering at \(endpoint) (\(why))"
        case .transfer(let why): return why
        case .notAllowed(let why): return why
        }
    }
}
