/// A transfer that did not complete: libcurl's code and message, and the URL it was fetching.
///
/// Secrets never reach the message: URLs carry none (credentials travel in headers), and curl's
/// error buffer does not echo headers.
public struct HTTPTransferError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What kind of failure, for the callers that react differently (retry, name the TLS problem).
    public enum Kind: Equatable, Sendable {
        case couldNotResolve
        case couldNotConnect
        case tls
        case timedOut
        /// The connection ended before the body did (a dropped connection or a body cut short).
        case cutShort
        case tooLarge(limit: Int)
        case other
    }

    /// The `CURLcode` (0 when the failure is ours, such as a body over its limit).
    public var code: Int32
    public var kind: Kind
    public var message: String
    public var url: String

    public init(code: Int32, kind: Kind, message: String, url: String) {
        self.code = code
        self.kind = kind
        self.message = message
        self.url = url
    }

    /// Failures worth another attempt: the network, not the request, was at fault.
    public var isTransient: Bool {
        switch kind {
        case .cutShort, .timedOut, .couldNotConnect: return true
        default: return false
        }
    }

    public var description: String { "\(url): \(message)" }
}
