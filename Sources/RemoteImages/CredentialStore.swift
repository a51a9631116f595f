import Foundation

/// Finds a registry's credential the way docker and podman do: Docker's config
/// (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`: `credHelpers`, `auths`,
/// `credsStore`), then podman's (`$REGISTRY_AUTH_FILE`, else `$XDG_RUNTIME_DIR/containers/auth.json`).
/// Every source looked at is listed, so a 401 can say what was tried; secrets never are.
public struct CredentialStore: Sendable {
    public var variables: [String: String]
    /// Runs `docker-credential-NAME get` with the host on standard input; returns its output.
    public var runHelper: @Sendable (_ name: String, _ host: String) -> [UInt8]?

    public init(
        variables: [String: String] = ProcessInfo.processInfo.environment,
        runHelper: @escaping @Sendable (String, String) -> [UInt8]? = CredentialStore.runDockerCredentialHelper
    ) {
        self.variables = variables
        self.runHelper = runHelper
    }

    /// The credential for `host`, and a description of every source consulted.
    public func lookup(host: String) -> (credential: RegistryCredential?, tried: [String]) {
        var tried: [String] = []
        for (label, path) in files() {
            guard let data = FileManager.default.contents(atPath: path) else {
                tried.append("\(label) (\(path): absent)")
                continue
            }
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                tried.append("\(label) (\(path): not a JSON object)")
                continue
            }
            let keys = Self.keys(for: host)
            if let helpers = object["credHelpers"] as? [String: String], let helper = keys.lazy.compactMap({ helpers[$0] }).first {
                if let credential = helperCredential(helper, host: host) {
                    return (credential, tried + ["\(label) (credHelpers: docker-credential-\(helper))"])
                }
                tried.append("\(label) (credHelpers: docker-credential-\(helper) had none)")
                continue
            }
            if let auths = object["auths"] as? [String: Any],
                let entry = keys.lazy.compactMap({ auths[$0] as? [String: Any] }).first,
                let credential = Self.credential(fromAuthEntry: entry)
            {
                return (credential, tried + ["\(label) (auths entry for \(host))"])
            }
            if let store = object["credsStore"] as? String, !store.isEmpty {
                if let credential = helperCredential(store, host: host) {
                    return (credential, tried + ["\(label) (credsStore: docker-credential-\(store))"])
                }
                tried.append("\(label) (credsStore: docker-credential-\(store) had none)")
                continue
            }
            tried.append("\(label) (\(path): no entry for \(host))")
        }
        return (nil, tried)
    }

    /// The files to read, in order, with the name the user knows each by.
    func files() -> [(label: String, path: String)] {
        var files: [(String, String)] = []
        if let directory = variables["DOCKER_CONFIG"], !directory.isEmpty {
            files.append(("$DOCKER_CONFIG/config.json", directory + "/config.json"))
        } else if let home = variables["HOME"], !home.isEmpty {
            files.append(("~/.docker/config.json", home + "/.docker/config.json"))
        }
        if let file = variables["REGISTRY_AUTH_FILE"], !file.isEmpty {
            files.append(("$REGISTRY_AUTH_FILE", file))
        } else if let runtime = variables["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            files.append(("$XDG_RUNTIME_DIR/containers/auth.json", runtime + "/containers/auth.json"))
        }
        return files
    }

    /// The spellings a config may key a host by (Docker Hub's legacy URL among them).
    static func keys(for host: String) -> [String] {
        var keys = [host, "https://\(host)", "http://\(host)", "https://\(host)/v1/", "https://\(host)/v2/"]
        if host == ImageReference.dockerHub {
            keys += ["https://index.docker.io/v1/", "index.docker.io", "registry-1.docker.io"]
        }
        return keys
    }

    /// `auth` (base64 `user:password`), or `username` and `password`, or an `identitytoken`.
    static func credential(fromAuthEntry entry: [String: Any]) -> RegistryCredential? {
        if let token = entry["identitytoken"] as? String, !token.isEmpty {
            return RegistryCredential(username: "<token>", secret: token)
        }
        if let auth = entry["auth"] as? String, let data = Data(base64Encoded: auth),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        {
            return RegistryCredential(username: String(text[..<colon]), secret: String(text[text.index(after: colon)...]))
        }
        if let user = entry["username"] as? String, let password = entry["password"] as? String {
            return RegistryCredential(username: user, secret: password)
        }
        return nil
    }

    private func helperCredential(_ helper: String, host: String) -> RegistryCredential? {
        guard let output = runHelper(helper, host),
            let object = (try? JSONSerialization.jsonObject(with: Data(output))) as? [String: Any],
            let user = object["Username"] as? String, let secret = object["Secret"] as? String, !secret.isEmpty
        else { return nil }
        return RegistryCredential(username: user, secret: secret)
    }

    /// `docker-credential-NAME get` from PATH; nil when it is missing or fails (its output may hold
    /// a message, but never echo it: it could be a secret).
    @Sendable public static func runDockerCredentialHelper(_ name: String, _ host: String) -> [UInt8]? {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker-credential-" + name, "get"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(host.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Array(data) : nil
    }
}
