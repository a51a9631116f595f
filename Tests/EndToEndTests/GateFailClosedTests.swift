import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// The gate fails closed: a baselines directory that is not there, an image without the baseline
/// the repository requires, and a baseline that contradicts itself are errors (exit 2) naming the
/// file, never a quiet check against the built-in defaults.
@Suite struct GateFailClosedTests {
    static func workspace() throws -> (root: String, spec: ImageSpec) {
        let root = try GateCLI.workspace()
        let spec = try GateCLI.image("light", layers: [[("bin/sh", 20_000)], [("app/main.js", 103_456)]], at: root + "/light.tar")
        try GateCLI.write(#"{"schemaVersion": 1, "limits": {"warn": "1MB"}}"#, to: root + "/Baselines/defaults.json")
        return (root, spec)
    }

    @Test func aMistypedBaselinesDirectoryIsExitTwoNamingIt() throws {
        let (root, _) = try Self.workspace()
        defer { GateCLI.remove(root) }
        let result = try GateCLI.run(["check", "light.tar", "--baselines", "Baseline"], in: root)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("plimsoll: error: Baseline: baselines directory does not exist"), "\(result.stderr)")
        #expect(!result.stdout.contains("WARN"))
        #expect(!GateCLI.exists(root + "/Reports/light.json"))
    }

    @Test func aBaselinesPathThatIsAFileIsExitTwo() throws {
        let (root, _) = try Self.workspace()
        defer { GateCLI.remove(root) }
        try GateCLI.write("not a directory", to: root + "/plain")
        for arguments in [["check", "light.tar", "--baselines", "plain"], ["baseline", "show", "light", "--baselines", "plain"]] {
            let result = try GateCLI.run(arguments, in: root)
            #expect(result.status == 2)
            #expect(result.stderr.contains("plain: baselines directory is not a directory"), "\(result.stderr)")
        }
    }

    @Test func recordNeverCreatesTheDirectory() throws {
        let (root, _) = try Self.workspace()
        defer { GateCLI.remove(root) }
        let result = try GateCLI.run(["baseline", "record", "light.tar", "--baselines", "nodir"], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("nodir: baselines directory does not exist"), "\(result.stderr)")
        #expect(!GateCLI.exists(root + "/nodir"))
    }

    @Test func requireBaselineNamesTheExpectedFile() throws {
        let (root, _) = try Self.workspace()
        defer { GateCLI.remove(root) }
        let flagged = try GateCLI.run(["check", "light.tar", "--require-baseline"], in: root)
        #expect(flagged.status == 2)
        #expect(
            flagged.stderr.contains(
                "Baselines/light.json: no baseline for 'light', and --require-baseline requires one"), "\(flagged.stderr)")
        #expect(!GateCLI.exists(root + "/Reports/light.json"))

        // Without the flag, defaults.json alone is enough...
        #expect(try GateCLI.run(["check", "light.tar"], in: root).status == 0)
        // ...until defaults.json requires a baseline for every image.
        try GateCLI.write(
            #"{"schemaVersion": 1, "requireBaseline": true, "limits": {"warn": "1MB"}}"#, to: root + "/Baselines/defaults.json")
        let keyed = try GateCLI.run(["check", "light.tar"], in: root)
        #expect(keyed.status == 2)
        #expect(keyed.stderr.contains("Baselines/light.json: no baseline for 'light', and requireBaseline in defaults.json requires one"))

        try GateCLI.write(#"{"schemaVersion": 1}"#, to: root + "/Baselines/light.json")
        let present = try GateCLI.run(["check", "light.tar", "--require-baseline"], in: root)
        #expect(present.status == 0, "\(present.stderr)")
    }

    @Test func requireBaselineIsOnlyForDefaults() throws {
        let (root, _) = try Self.workspace()
        defer { GateCLI.remove(root) }
        try GateCLI.write(#"{"schemaVersion": 1, "requireBaseline": true}"#, to: root + "/Baselines/light.json")
        let result = try GateCLI.run(["check", "light.tar"], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Baselines/light.json: requireBaseline: only defaults.json may set this"), "\(result.stderr)")
    }

    @Test func aWarnLimitAboveItsFailLimitIsAnErrorNamingFileAndKey() throws {
        let (root, _) = try Self.workspace()
        defer { GateCLI.remove(root) }
        // defaults.json warns over 1 MB; light.json fails over 500 kB: light.json made the conflict.
        try GateCLI.write(#"{"schemaVersion": 1, "limits": {"fail": "500kB"}}"#, to: root + "/Baselines/light.json")
        let across = try GateCLI.run(["check", "light.tar"], in: root)
        #expect(across.status == 2)
        #expect(
            across.stderr.contains(
                "Baselines/light.json: limits.fail: the warn limit 1000000 bytes is above the fail limit 500000 bytes (the other is limits.warn in defaults.json)"),
            "\(across.stderr)")

        // Within one file, for a category budget: the later key of the pair is named.
        try GateCLI.write(
            #"{"schemaVersion": 1, "categories": {"app": {"warn": "2MB", "fail": "1MB"}}}"#, to: root + "/Baselines/light.json")
        let within = try GateCLI.run(["baseline", "show", "light"], in: root)
        #expect(within.status == 2)
        #expect(within.stderr.contains("Baselines/light.json: categories.app.warn: the warn limit 2000000 bytes"), "\(within.stderr)")
    }

    @Test func recordWritesTargetStartAsASizeNeverBelowTheTarget() throws {
        let (root, spec) = try Self.workspace()
        defer { GateCLI.remove(root) }
        // 123,456 bytes: three significant digits, rounded up, is 124 kB.
        #expect(spec.contentBytes == 123_456)
        try GateCLI.write(#"{"schemaVersion": 1, "limits": {"target": "50kB"}}"#, to: root + "/Baselines/light.json")
        let record = try GateCLI.run(["baseline", "record", "light.tar"], in: root)
        #expect(record.status == 0, "\(record.stderr)")
        let written = try JSONParser.parse(try GateCLI.read(root + "/Baselines/light.json"))
        let expected = "\(Int((Double(spec.contentBytes) / 1000).rounded(.up)))kB"
        #expect(written["limits"]?["targetStart"] == .string(expected))

        // Already under the target: the way starts at the target.
        try GateCLI.write(#"{"schemaVersion": 1, "limits": {"target": "900kB"}}"#, to: root + "/Baselines/light.json")
        #expect(try GateCLI.run(["baseline", "record", "light.tar"], in: root).status == 0)
        let under = try JSONParser.parse(try GateCLI.read(root + "/Baselines/light.json"))
        #expect(under["limits"]?["targetStart"] == "900kB")
    }
}
