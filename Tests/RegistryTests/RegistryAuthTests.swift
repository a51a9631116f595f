import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// Basic and bearer-token auth against real registries: credentials from Docker's and podman's
/// files and from a credential helper; a 401 says which sources were tried; no secret is printed.
@Suite(.serialized) final class RegistryAuthTests {
    let directory: String
    let archive: String
    static let password = "s3cret-pa55"

    init() throws {
        directory = try RegistryFixtures.directory()
        archive = directory + "/small.tar"
        try ImageFixtureBuilder.write([RegistryFixtures.smallSpec()], options: ArchiveOptions(layout: .legacy), to: archive)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// A Docker config.json at DIR/config.json with an `auths` entry for `host`.
    func dockerConfig(host: String, user: String, password: String) throws -> String {
        let configDirectory = directory + "/docker-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
        let auth = Data("\(user):\(password)".utf8).base64EncodedString()
        try "{\"auths\": {\"\(host)\": {\"auth\": \"\(auth)\"}}}".write(toFile: configDirectory + "/config.json", atomically: true, encoding: .utf8)
        return configDirectory
    }

    func expectNoSecret(_ output: CommandRunner.Output) {
        #expect(!output.stdout.contains(Self.password) && !output.stderr.contains(Self.password))
        #expect(!output.stderr.contains(Data("tester:\(Self.password)".utf8).base64EncodedString()))
    }

    @Test func basicAuthWithDockerConfigReadsAndWithoutCredentialsFailsNamingTheSourcesTried() throws {
        let registry = try TestRegistry(auth: .basic(user: "tester", password: Self.password))
        try registry.push("docker-archive:" + archive, as: "team/small:1.0")
        let reference = "registry:\(registry.host)/team/small:1.0"

        let anonymous = try CommandRunner.run(["inspect", reference, "-q"], environment: ["HOME": directory + "/nohome"])
        #expect(anonymous.status == 2)
        let lines = anonymous.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(anonymous.stderr)")
        #expect(anonymous.stderr.contains(reference) && anonymous.stderr.contains("401"), "\(anonymous.stderr)")
        #expect(anonymous.stderr.contains("~/.docker/config.json"), "\(anonymous.stderr)")

        let config = try dockerConfig(host: registry.host, user: "tester", password: Self.password)
        let (image, run) = try RegistryFixtures.inspectJSON(reference, environment: ["DOCKER_CONFIG": config])
        let read = try #require(image, "\(run.stderr)")
        #expect(read["contentBytes"]?.intValue == RegistryFixtures.smallSpec().contentBytes)
        expectNoSecret(run)

        let wrong = try dockerConfig(host: registry.host, user: "tester", password: "wrong")
        let refused = try CommandRunner.run(["inspect", reference, "-q"], environment: ["DOCKER_CONFIG": wrong])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("$DOCKER_CONFIG/config.json") && refused.stderr.contains("auths entry"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("wrong"))
    }

    @Test func podmanAuthFileAndCredentialHelperAreUsed() throws {
        let registry = try TestRegistry(auth: .basic(user: "tester", password: Self.password))
        try registry.push("docker-archive:" + archive, as: "team/small:1.0")
        let reference = "registry:\(registry.host)/team/small:1.0"

        // podman's auth file: the same `auths` format, found through REGISTRY_AUTH_FILE.
        let podman = try dockerConfig(host: registry.host, user: "tester", password: Self.password) + "/config.json"
        let (viaPodman, podmanRun) = try RegistryFixtures.inspectJSON(
            reference, environment: ["REGISTRY_AUTH_FILE": podman, "HOME": directory + "/nohome"])
        #expect(viaPodman != nil, "\(podmanRun.stderr)")

        // XDG_RUNTIME_DIR/containers/auth.json.
        let runtime = directory + "/runtime"
        try FileManager.default.createDirectory(atPath: runtime + "/containers", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: podman, toPath: runtime + "/containers/auth.json")
        let (viaRuntime, runtimeRun) = try RegistryFixtures.inspectJSON(
            reference, environment: ["XDG_RUNTIME_DIR": runtime, "HOME": directory + "/nohome"])
        #expect(viaRuntime != nil, "\(runtimeRun.stderr)")

        // credHelpers: docker-credential-NAME get, with the host on standard input.
        let bin = directory + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let helper = bin + "/docker-credential-plimsolltest"
        try """
            #!/bin/sh
            [ "$1" = get ] || exit 1
            read host
            [ "$host" = "\(registry.host)" ] || exit 1
            echo '{"ServerURL":"'$host'","Username":"tester","Secret":"\(Self.password)"}'
            """.write(toFile: helper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: helper)
        let helperConfig = directory + "/helper-config"
        try FileManager.default.createDirectory(atPath: helperConfig, withIntermediateDirectories: true)
        try "{\"credHelpers\": {\"\(registry.host)\": \"plimsolltest\"}}".write(
            toFile: helperConfig + "/config.json", atomically: true, encoding: .utf8)
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let (viaHelper, helperRun) = try RegistryFixtures.inspectJSON(reference, environment: ["DOCKER_CONFIG": helperConfig, "PATH": path])
        #expect(viaHelper != nil, "\(helperRun.stderr)")
        expectNoSecret(helperRun)

        // credsStore: the same helper for every host.
        try "{\"credsStore\": \"plimsolltest\"}".write(toFile: helperConfig + "/config.json", atomically: true, encoding: .utf8)
        let (viaStore, storeRun) = try RegistryFixtures.inspectJSON(reference, environment: ["DOCKER_CONFIG": helperConfig, "PATH": path])
        #expect(viaStore != nil, "\(storeRun.stderr)")
    }

    @Test func bearerTokensAreFetchedWithCredentialsAndReusedPerRepository() throws {
        let registry = try TestRegistry(auth: .token(user: "tester"))
        try registry.push("docker-archive:" + archive, as: "team/small:1.0")
        try registry.push("docker-archive:" + archive, as: "team/small:1.1")
        try registry.push("docker-archive:" + archive, as: "team/other:1.0")
        let pushed = registry.tokenRequests.count
        let config = try dockerConfig(host: registry.host, user: "tester", password: "token-secret")
        let result = try CommandRunner.run(
            [
                "inspect", "registry:\(registry.host)/team/small:1.0", "registry:\(registry.host)/team/small:1.1",
                "registry:\(registry.host)/team/other:1.0", "--format", "json", "-q",
            ], environment: ["DOCKER_CONFIG": config])
        #expect(result.status == 0, "\(result.stderr)")
        let images = try JSONParser.parse(result.stdout)["images"]?.arrayValue ?? []
        #expect(images.count == 3)
        #expect(images.allSatisfy { $0["contentBytes"]?.intValue == RegistryFixtures.smallSpec().contentBytes })
        let ours = Array(registry.tokenRequests.dropFirst(pushed))
        #expect(ours.sorted() == ["repository:team/other:pull", "repository:team/small:pull"], "\(ours)")

        let anonymous = try CommandRunner.run(["inspect", "registry:\(registry.host)/team/small:1.0", "-q"], environment: ["HOME": directory + "/nohome"])
        #expect(anonymous.status == 2)
        #expect(anonymous.stderr.split(separator: "\n").count == 1, "\(anonymous.stderr)")
        #expect(anonymous.stderr.contains("401") && anonymous.stderr.contains("credentials tried"), "\(anonymous.stderr)")
    }

    @Test func tlsRegistryNeedsItsCAAndRefusesWithoutIt() throws {
        let registry = try TestRegistry(tls: true)
        try registry.push("docker-archive:" + archive, as: "team/small:1.0")
        let reference = "registry:\(registry.host)/team/small:1.0"
        let ca = try #require(registry.ca)
        let (image, run) = try RegistryFixtures.inspectJSON(reference, ["--ca-file", ca.caCertificate])
        #expect(image?["contentBytes"]?.intValue == RegistryFixtures.smallSpec().contentBytes, "\(run.stderr)")
        let refused = try CommandRunner.run(["inspect", reference, "-q"])
        #expect(refused.status == 2)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains(reference) && refused.stderr.contains("TLS failure"), "\(refused.stderr)")
    }
}
