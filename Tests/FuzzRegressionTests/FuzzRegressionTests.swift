import Foundation
import PlimsollTestSupport
import Testing

/// Every input a fuzzer ever crashed on (`Tests/Fuzz/Regressions/TARGET/`), and every seed, runs
/// through its target in the normally built harness: a fix that regresses brings the crash back
/// here, in `swift test`, without a sanitizer build.
@Suite struct FuzzRegressionTests {
    static let root = FileManager.default.currentDirectoryPath + "/Tests/Fuzz"

    static func files(_ directory: String) -> [String: [String]] {
        var byTarget: [String: [String]] = [:]
        let manager = FileManager.default
        for target in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] {
            let files = (try? manager.contentsOfDirectory(atPath: directory + "/" + target)) ?? []
            byTarget[target] = files.sorted().map { directory + "/" + target + "/" + $0 }
        }
        return byTarget
    }

    static func replay(_ target: String, _ files: [String]) throws -> CommandRunner.Output {
        let harness = CommandRunner.productsDirectory.appendingPathComponent("plimsoll-fuzz").path
        return try CommandRunner.run([target] + files, executable: harness)
    }

    @Test func everyCrashInputRunsCleanly() throws {
        let regressions = Self.files(Self.root + "/Regressions")
        #expect(!regressions.isEmpty)
        for (target, files) in regressions.sorted(by: { $0.key < $1.key }) {
            let result = try Self.replay(target, files)
            #expect(result.status == 0, "\(target): \(files.joined(separator: " ")): \(result.stderr)")
        }
    }

    @Test func everySeedRunsCleanly() throws {
        let corpus = Self.files(Self.root + "/Corpus")
        #expect(corpus.count >= 13, "a seed directory per target")
        for (target, files) in corpus.sorted(by: { $0.key < $1.key }) {
            #expect(!files.isEmpty, "\(target) has seeds")
            let result = try Self.replay(target, files)
            #expect(result.status == 0, "\(target): \(result.stderr)")
        }
    }
}
