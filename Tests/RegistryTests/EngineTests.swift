import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// The Docker Engine API through podman's compatible service (its own vfs root on a socket in a
/// temporary directory): the image equals its tarball; an engine that is not there is one line.
@Suite(.serialized) final class EngineTests {
    let directory: String
    let archive: String
    /// podman refuses a run root longer than 50 characters.
    let podmanDirectory: String

    init() throws {
        directory = try RegistryFixtures.directory()
        podmanDirectory = "/tmp/plimsoll-pm-" + UUID().uuidString.prefix(8)
        archive = directory + "/small.tar"
        // gzip and uncompressed layers: podman's docker-archive export cannot carry zstd.
        try ImageFixtureBuilder.write([RegistryFixtures.smallSpec(tag: "team/engine-small:1.0")], options: ArchiveOptions(layout: .legacy), to: archive)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: podmanDirectory)
    }

    var podmanArguments: [String] { ["--storage-driver", "vfs", "--root", podmanDirectory + "/root", "--runroot", podmanDirectory + "/run"] }

    @Test func anImageFromPodmansEngineAPIEqualsItsTarball() throws {
        try runTool("podman", podmanArguments + ["load", "-q", "-i", archive])
        let socket = podmanDirectory + "/podman.sock"
        let service = try PodmanService(arguments: podmanArguments, socket: socket, log: directory + "/podman.log")
        _ = service
        let (fromEngine, run) = try RegistryFixtures.inspectJSON("docker:team/engine-small:1.0", environment: ["DOCKER_HOST": "unix://" + socket])
        let remote = try #require(fromEngine, "\(run.stderr)")
        let (fromTarball, _) = try RegistryFixtures.inspectJSON(archive)
        let local = try #require(fromTarball)
        #expect(RegistryFixtures.sourceIndependentFacts(remote) == RegistryFixtures.sourceIndependentFacts(local))
        #expect(remote["contentBytes"]?.intValue == RegistryFixtures.smallSpec().contentBytes)
        #expect(remote["input"] == "docker:team/engine-small:1.0")

        let missing = try CommandRunner.run(["inspect", "docker:team/absent:9", "-q"], environment: ["DOCKER_HOST": "unix://" + socket])
        #expect(missing.status == 2)
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        #expect(missing.stderr.contains("docker:team/absent:9"), "\(missing.stderr)")
    }

    @Test func anEngineThatIsNotRunningIsOneLineNamingTheSocket() throws {
        let socket = directory + "/nobody.sock"
        let result = try CommandRunner.run(["inspect", "docker:team/app:1", "-q"], environment: ["DOCKER_HOST": "unix://" + socket])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("docker:team/app:1") && result.stderr.contains("unix://" + socket), "\(result.stderr)")
    }
}

/// `podman system service --time=0 unix://SOCKET`, stopped when the value goes away.
final class PodmanService {
    let process = Process()

    init(arguments: [String], socket: String, log: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["podman"] + arguments + ["system", "service", "--time=0", "unix://" + socket]
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<400 where !FileManager.default.fileExists(atPath: socket) {
            if !process.isRunning { break }
            usleep(25_000)
        }
        guard FileManager.default.fileExists(atPath: socket) else {
            LoopbackServer.stop(process)
            throw LoopbackServer.Failure(description: "podman service did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        }
    }

    deinit { LoopbackServer.stop(process) }
}
