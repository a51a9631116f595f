import Foundation
import HTTPTransport

/// Talks to one repository of one registry over the OCI distribution API: authorizes (anonymous,
/// basic, or the bearer-token challenge), retries what the network got wrong, and opens responses
/// for the manifest and blob readers.
public struct RegistryClient: Sendable {
    public let session: RegistrySession
    public let reference: ImageReference

    public init(session: RegistrySession, reference: ImageReference) {
        self.session = session
        self.reference = reference
    }

    private var options: RegistryOptions { session.options }
    private var host: String { reference.apiHost }
    private var scope: String { host + "/" + reference.repository }

    /// Opens `GET /v2/REPOSITORY/PATH` and returns the transfer with a 2xx head. `what` names the
    /// object in errors; `rangeStart` asks for the rest of a blob.
    func open(
        _ path: String, accept: [String] = [], what: String, rangeStart: Int64? = nil
    ) throws(RemoteImageError) -> HTTPTransfer {
        var reauthorized = false
        var attempt = 0
        while true {
            attempt += 1
            let transfer: HTTPTransfer
            let head: HTTPResponseHead
            do {
                (transfer, head) = try send(path: path, accept: accept, rangeStart: rangeStart)
            } catch let failure {
                if failure.isTransient, attempt < options.attempts {
                    pause(attempt)
                    continue
                }
                throw Self.classify(failure)
            }
            switch head.status {
            case 200..<300:
                return transfer
            case 401 where !reauthorized:
                reauthorized = true
                try authorize(challenges: head.values("WWW-Authenticate"))
                attempt -= 1
            case 401, 403:
                throw RemoteImageError(.unauthorized(status: head.status, host: host, tried: session.credential(for: reference.host).tried))
            case 404:
                throw RemoteImageError(.notFound(what))
            case 429, 500...:
                guard attempt < options.attempts else { throw RemoteImageError(.httpStatus(status: head.status, what: what)) }
                pause(attempt, retryAfter: head.value("Retry-After").flatMap(Double.init))
            default:
                throw RemoteImageError(.httpStatus(status: head.status, what: what))
            }
        }
    }

    private func pause(_ attempt: Int, retryAfter: Double? = nil) {
        let delay = min(retryAfter ?? options.backoffSeconds * Double(1 << (attempt - 1)), 10)
        usleep(UInt32(delay * 1_000_000))
    }

    /// One request on the host's scheme; the first request to a loopback or insecure host tries
    /// HTTPS and falls back to HTTP when the server does not speak TLS.
    private func send(
        path: String, accept: [String], rangeStart: Int64?
    ) throws(HTTPTransferError) -> (HTTPTransfer, HTTPResponseHead) {
        let known = session.scheme(for: host)
        let schemes = known.map { [$0] } ?? (options.allowsPlainHTTP(host) ? ["https", "http"] : ["https"])
        for (position, scheme) in schemes.enumerated() {
            var request = HTTPRequest(url: "\(scheme)://\(host)/v2/\(reference.repository)/\(path)")
            if !accept.isEmpty { request.headers.append(("Accept", accept.joined(separator: ", "))) }
            if let authorization = session.authorization(for: scope) { request.headers.append(("Authorization", authorization)) }
            request.rangeStart = rangeStart
            request.proxy = options.proxy
            request.extraCertificates = options.extraCertificates(for: reference.host)
            do {
                let transfer = try HTTPTransfer(request)
                let head = try transfer.open()
                if known == nil { session.setScheme(scheme, for: host) }
                return (transfer, head)
            } catch let error {
                let notTLS = error.kind == .tls && error.code == 35 /* CURLE_SSL_CONNECT_ERROR */
                if notTLS && position + 1 < schemes.count { continue }
                throw error
            }
        }
        throw HTTPTransferError(code: 0, kind: .other, message: "no scheme to try", url: host)
    }

    /// Names what went wrong with a transfer.
    static func classify(_ error: HTTPTransferError) -> RemoteImageError {
        switch error.kind {
        case .couldNotResolve, .couldNotConnect, .timedOut: return RemoteImageError(.unreachable(error.message))
        case .tls: return RemoteImageError(.tls(error.message))
        case .cutShort: return RemoteImageError(.transfer("connection cut short: \(error.description)"))
        default: return RemoteImageError(.transfer(error.description))
        }
    }

    // MARK: Authorization

    /// Answers a 401's challenge: basic with the stored credential, or a bearer token from the
    /// challenge's realm (with the credential when there is one, anonymously otherwise).
    private func authorize(challenges: [String]) throws(RemoteImageError) {
        let parsed = challenges.compactMap(AuthChallenge.init(header:))
        let (credential, tried) = session.credential(for: reference.host)
        if let bearer = parsed.first(where: { $0.scheme == "bearer" }) {
            let token = try fetchToken(bearer, credential: credential, tried: tried)
            session.setAuthorization("Bearer " + token, for: scope)
            return
        }
        if parsed.contains(where: { $0.scheme == "basic" }), let credential, !credential.isIdentityToken {
            session.setAuthorization(credential.basicAuthorization, for: scope)
            return
        }
        throw RemoteImageError(.unauthorized(status: 401, host: host, tried: tried))
    }

    private func fetchToken(
        _ challenge: AuthChallenge, credential: RegistryCredential?, tried: [String]
    ) throws(RemoteImageError) -> String {
        guard let realm = challenge.parameters["realm"], realm.hasPrefix("https://") || realm.hasPrefix("http://") else {
            throw RemoteImageError(.badManifest("the registry's bearer challenge names no realm"))
        }
        if realm.hasPrefix("http://"), let realmHost = URLComponents(string: realm)?.host,
            !options.allowsPlainHTTP(realmHost), credential != nil
        {
            throw RemoteImageError(.notAllowed("the token realm \(realm) is plain HTTP; credentials are not sent there"))
        }
        var components = URLComponents(string: realm)
        var items = components?.queryItems ?? []
        if let service = challenge.parameters["service"] { items.append(URLQueryItem(name: "service", value: service)) }
        items.append(URLQueryItem(name: "scope", value: challenge.parameters["scope"] ?? "repository:\(reference.repository):pull"))
        components?.queryItems = items
        guard let url = components?.string else { throw RemoteImageError(.badManifest("bad token realm \(realm)")) }
        var request = HTTPRequest(url: url)
        if let credential, !credential.isIdentityToken { request.headers.append(("Authorization", credential.basicAuthorization)) }
        request.proxy = options.proxy
        request.extraCertificates = options.extraCertificates(for: URLComponents(string: realm)?.host ?? "")
        session.countTokenRequest(scope)
        let body: [UInt8]
        let status: Int
        do {
            let transfer = try HTTPTransfer(request)
            status = try transfer.open().status
            body = try transfer.readAll(limit: 1 << 20)
        } catch let error {
            throw Self.classify(error)
        }
        if status == 401 || status == 403 { throw RemoteImageError(.unauthorized(status: status, host: host, tried: tried)) }
        guard (200..<300).contains(status) else { throw RemoteImageError(.httpStatus(status: status, what: "token from \(realm)")) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
            let token = object["token"] as? String ?? object["access_token"] as? String, !token.isEmpty
        else { throw RemoteImageError(.badManifest("the token service \(realm) answered without a token")) }
        return token
    }
}
