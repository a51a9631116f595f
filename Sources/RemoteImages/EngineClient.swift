import ArchiveIO
import Foundation
import HTTPTransport

/// The Docker Engine API (Docker, Docker Desktop, podman's compatible service): the API version
/// both sides speak, an image's `docker save` stream, and its quick facts.
public struct EngineClient: Sendable {
    public var endpoint: EngineEndpoint
    /// The newest API version asked for; an older engine's own version is used instead.
    public static let newestVersion = (1, 45)

    public init(endpoint: EngineEndpoint) { self.endpoint = endpoint }

    private func request(_ path: String) -> HTTPRequest {
        var request = HTTPRequest(url: endpoint.baseURL + path)
        request.unixSocket = endpoint.unixSocket
        if let caFile = endpoint.caFile, let data = FileManager.default.contents(atPath: caFile) {
            request.extraCertificates = String(decoding: data, as: UTF8.self)
        }
        if let certificate = endpoint.certificateFile, let key = endpoint.keyFile {
            request.clientCertificate = (certificate, key)
        }
        return request
    }

    private func send(_ path: String) throws(RemoteImageError) -> HTTPTransfer {
        do {
            let transfer = try HTTPTransfer(request(path))
            _ = try transfer.open()
            return transfer
        } catch let error {
            switch error.kind {
            case .couldNotConnect, .couldNotResolve, .timedOut:
                throw RemoteImageError(.engineNotRunning(endpoint: endpoint.label, why: error.message))
            case .tls: throw RemoteImageError(.tls(error.message))
            default: throw RemoteImageError(.transfer(error.description))
            }
        }
    }

    /// Negotiates the API version: the engine's (`Api-Version` from `/_ping`, else `/version`),
    /// capped at the newest this client asks for. Returns the path prefix (`/v1.41`).
    public func versionPrefix() throws(RemoteImageError) -> String {
        let ping = try send("/_ping")
        _ = try? ping.readAll(limit: 4096)
        var version = ping.head.value("Api-Version")
        if version == nil {
            let transfer = try send("/version")
            let body = (try? transfer.readAll(limit: 1 << 16)) ?? []
            version = ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any])?["ApiVersion"] as? String
        }
        guard let version, let parsed = Self.parseVersion(version) else { return "" }
        let chosen = parsed < Self.newestVersion ? parsed : Self.newestVersion
        return "/v\(chosen.0).\(chosen.1)"
    }

    static func parseVersion(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ".").compactMap { Int($0) }
        return parts.count >= 2 ? (parts[0], parts[1]) : nil
    }

    static func escape(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~:@"))) ?? name
    }

    /// `GET /images/NAME/get`: the image as a `docker save` tar, as a byte source for the
    /// loader's stream reader (nothing touches the disk).
    public func saveStream(_ name: String) throws(RemoteImageError) -> EngineStream {
        let prefix = try versionPrefix()
        let transfer = try send("\(prefix)/images/\(Self.escape(name))/get")
        try check(transfer, name: name)
        return EngineStream(transfer: transfer, name: name)
    }

    /// `GET /images/NAME/json`: the engine's facts about the image (size, tags, config).
    public func inspect(_ name: String) throws(RemoteImageError) -> [String: Any] {
        let prefix = try versionPrefix()
        let transfer = try send("\(prefix)/images/\(Self.escape(name))/json")
        try check(transfer, name: name)
        let body: [UInt8]
        do { body = try transfer.readAll(limit: 8 << 20) } catch let error { throw RemoteImageError(.transfer(error.description)) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw RemoteImageError(.badManifest("the engine's description of \(name) is not a JSON object"))
        }
        return object
    }

    private func check(_ transfer: HTTPTransfer, name: String) throws(RemoteImageError) {
        let status = transfer.head.status
        if status == 404 { throw RemoteImageError(.notFound("image \(name) in the engine at \(endpoint.label)")) }
        guard (200..<300).contains(status) else {
            // The engine explains itself in {"message": ...}; keep the first line of it.
            let body = (try? transfer.readAll(limit: 1 << 16)) ?? []
            let message = ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any])?["message"] as? String
            let reason = message.map { ": " + ($0.split(separator: "\n").first.map(String.init) ?? $0).prefix(300) } ?? ""
            throw RemoteImageError(.httpStatus(status: status, what: "image \(name) from the engine at \(endpoint.label)\(reason)"))
        }
    }
}

/// An engine's `docker save` body as libarchive's byte source.
public final class EngineStream: ArchiveByteSource {
    private let transfer: HTTPTransfer
    public let name: String

    init(transfer: HTTPTransfer, name: String) {
        self.transfer = transfer
        self.name = name
    }

    public func read() throws -> UnsafeRawBufferPointer {
        do {
            return try transfer.read()
        } catch let error {
            throw ArchiveError(operation: .readData, message: "the engine's stream broke: \(error.message)")
        }
    }
}
