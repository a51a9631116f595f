import Foundation

/// Debian's `docker-registry` (the CNCF distribution registry) on 127.0.0.1 with a config file
/// written here: anonymous, htpasswd basic auth, or token auth against `token_issuer.py`; plain
/// HTTP or TLS with a certificate from `TestCA`.
final class TestRegistry: @unchecked Sendable {
    enum Auth {
        case anonymous
        case basic(user: String, password: String)
        /// Token auth; the issuer demands this user when given.
        case token(user: String?)
    }

    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts").path

    let directory: String
    let server: LoopbackServer
    let tokenIssuer: LoopbackServer?
    let tokenLog: String
    let ca: TestCA?
    var host: String { "127.0.0.1:\(server.port)" }
    /// The user and password skopeo pushes with.
    let pushCredentials: String?

    init(auth: Auth = .anonymous, tls: Bool = false) throws {
        directory = NSTemporaryDirectory() + "plimsoll-registry-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let port = try LoopbackServer.freePort()
        ca = tls ? try TestCA(directory: directory + "/ca") : nil
        tokenLog = directory + "/tokens.log"
        var authSection = ""
        var issuer: LoopbackServer?
        var credentials: String?
        switch auth {
        case .anonymous:
            break
        case .basic(let user, let password):
            let line = try runTool("htpasswd", ["-Bbn", user, password])
            try line.write(toFile: directory + "/htpasswd", atomically: true, encoding: .utf8)
            authSection = "auth:\n  htpasswd:\n    realm: plimsoll-test\n    path: \(directory)/htpasswd\n"
            credentials = "\(user):\(password)"
        case .token(let user):
            let signing = try TestCA(directory: directory + "/token-key")
            let password = "token-secret"
            var arguments = [
                "--key", signing.caKey, "--cert", signing.caCertificate, "--issuer", "plimsoll-test-issuer",
                "--service", "plimsoll-test-registry", "--log", tokenLog,
            ]
            if let user { arguments += ["--user", "\(user):\(password)"] }
            let started = try LoopbackServer(script: Self.scripts + "/token_issuer.py", arguments: arguments, directory: directory)
            issuer = started
            authSection = """
                auth:
                  token:
                    realm: http://127.0.0.1:\(started.port)/token
                    service: plimsoll-test-registry
                    issuer: plimsoll-test-issuer
                    rootcertbundle: \(signing.caCertificate)

                """
            credentials = user.map { "\($0):\(password)" }
        }
        var tlsSection = ""
        if let ca { tlsSection = "  tls:\n    certificate: \(ca.serverCertificate)\n    key: \(ca.serverKey)\n" }
        let config = """
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: \(directory)/data
              delete:
                enabled: true
            \(authSection)http:
              addr: 127.0.0.1:\(port)
            \(tlsSection)
            """
        try config.write(toFile: directory + "/config.yml", atomically: true, encoding: .utf8)
        tokenIssuer = issuer
        pushCredentials = credentials
        server = try LoopbackServer(
            executable: "docker-registry", arguments: ["serve", directory + "/config.yml"], port: port,
            log: directory + "/registry.log")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `skopeo copy SOURCE docker://HOST/NAME` (SOURCE: `docker-archive:PATH` or `oci-archive:PATH`);
    /// `all` copies every platform of an index.
    func push(_ source: String, as name: String, all: Bool = false, zstd: Bool = false) throws {
        var arguments = ["copy", "--quiet", "--dest-tls-verify=false", "--insecure-policy"]
        if let pushCredentials { arguments += ["--dest-creds", pushCredentials] }
        if all { arguments.append("--all") }
        if zstd { arguments += ["--dest-compress-format", "zstd"] }
        arguments += [source, "docker://\(host)/\(name)"]
        try runTool("skopeo", arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": directory, "TMPDIR": directory])
    }

    /// Token requests the issuer saw, one scope per line.
    var tokenRequests: [String] {
        ((try? String(contentsOfFile: tokenLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

/// A throwaway certificate authority and a server certificate for 127.0.0.1 it signed (openssl).
struct TestCA {
    let caKey: String
    let caCertificate: String
    let serverKey: String
    let serverCertificate: String

    init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        caKey = directory + "/ca.key"
        caCertificate = directory + "/ca.crt"
        serverKey = directory + "/server.key"
        serverCertificate = directory + "/server.crt"
        try runTool("openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caCertificate, "-days", "2",
            "-subj", "/CN=plimsoll test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
        ])
        try runTool("openssl", [
            "req", "-newkey", "rsa:2048", "-nodes", "-keyout", serverKey, "-out", directory + "/server.csr", "-subj", "/CN=127.0.0.1",
        ])
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n".write(
            toFile: directory + "/server.ext", atomically: true, encoding: .utf8)
        try runTool("openssl", [
            "x509", "-req", "-in", directory + "/server.csr", "-CA", caCertificate, "-CAkey", caKey, "-CAcreateserial",
            "-out", serverCertificate, "-days", "2", "-extfile", directory + "/server.ext",
        ])
    }
}
