import Foundation

/// A user name and secret for one registry host. `description` never shows the secret.
public struct RegistryCredential: Sendable, Equatable, CustomStringConvertible {
    public var username: String
    public var secret: String

    public init(username: String, secret: String) {
        self.username = username
        self.secret = secret
    }

    /// Docker's marker for an identity (refresh) token instead of a password.
    public var isIdentityToken: Bool { username == "<token>" }

    /// `Basic base64(user:secret)`.
    var basicAuthorization: String {
        "Basic " + Data("\(username):\(secret)".utf8).base64EncodedString()
    }

    public var description: String { "credential for \(username)" }
}
