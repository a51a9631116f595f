import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// `baseline record`, `baseline show` and `diff` through the built binary.
@Suite struct GateBaselineEndToEndTests {
    struct Versions {
        var root: String
        var v1: ImageSpec
        var v2: ImageSpec

        init() throws {
            root = try GateCLI.workspace()
            v1 = try GateCLI.image("svc", tag: "1", layers: [[("bin/sh", 20_000)], [("app/main.js", 80_000)]], at: root + "/v1.tar")
            v2 = try GateCLI.image(
                "svc", tag: "2", layers: [[("bin/sh", 20_000)], [("app/main.js", 100_000), ("app/extra.bin", 60_000)]],
                at: root + "/v2.tar")
            try GateCLI.write(
                #"{"schemaVersion": 1, "growth": {"warn": {"bytes": "50kB"}, "fail": {"percent": 200}}}"#,
                to: root + "/Baselines/defaults.json")
            try GateCLI.write(
                """
                {"schemaVersion": 1, "description": "kept as written",
                 "limits": {"warn": "1MB", "target": "10kB"}, "ignorePaths": ["/tmp/"]}
                """, to: root + "/Baselines/svc.json")
        }
    }

    @Test func recordKeepsWhatPeopleWroteAndGrowthIsJudgedAgainstIt() throws {
        let versions = try Versions()
        defer { GateCLI.remove(versions.root) }
        let record = try GateCLI.run(["baseline", "record", "v1.tar"], in: versions.root)
        #expect(record.status == 0, "\(record.stderr)")
        #expect(record.stdout.contains("Updated Baselines/svc.json"))
        let text = try GateCLI.read(versions.root + "/Baselines/svc.json")
        #expect(text.contains(#""warn": "1MB""#))
        #expect(text.contains(#""description": "kept as written""#))
        #expect(text.contains(#""/tmp/""#))
        let baseline = try JSONParser.parse(text)
        #expect(baseline.objectValue?.map(\.key) == ["schemaVersion", "description", "limits", "ignorePaths", "recorded"])
        #expect(baseline["recorded"]?["contentBytes"]?.intValue == versions.v1.contentBytes)
        #expect(baseline["recorded"]?["recordedAt"] == "2023-11-14T22:13:20Z")
        // 100,000 bytes, written as a size: three significant digits in kB.
        #expect(versions.v1.contentBytes == 100_000)
        #expect(baseline["limits"]?["targetStart"] == "100kB")
        #expect(baseline["recorded"]?["layers"]?.arrayValue?.count == 2)

        let check = try GateCLI.run(["check", "v2.tar"], in: versions.root)
        #expect(check.status == 0, "\(check.stderr)")
        let report = try JSONParser.parse(try GateCLI.read(versions.root + "/Reports/svc.json"))
        let growth = versions.v2.contentBytes - versions.v1.contentBytes
        #expect(report["verdict"] == "warn")
        #expect(report["growthBytes"]?.intValue == growth)
        let rule = report["rules"]?.arrayValue?.first { $0["rule"] == "growth.warn.bytes" }
        #expect(rule?["measured"]?.intValue == growth)
        #expect(rule?["status"] == "warn")
        let percent = report["rules"]?.arrayValue?.first { $0["rule"] == "growth.fail.percent" }
        #expect(percent?["status"] == "pass")
        #expect(percent?["measured"]?.doubleValue == Double(growth) * 100 / Double(versions.v1.contentBytes))
        // What changed: the app layer, paired by history step.
        let layer = report["changes"]?["layers"]?.arrayValue?.first
        #expect(layer?["status"] == "changed")
        #expect(layer?["deltaBytes"]?.intValue == growth)
        let markdown = try GateCLI.read(versions.root + "/Reports/svc.md")
        #expect(markdown.contains("| changed | 1→1 |"))
        // Progress counts from the recorded start.
        #expect(report["progress"]?["startBytes"]?.intValue == versions.v1.contentBytes)
        #expect(report["progress"]?["startSource"] == "targetStart")
    }

    @Test func recordCreatesAFileForAnImageWithoutOne() throws {
        let versions = try Versions()
        defer { GateCLI.remove(versions.root) }
        let result = try GateCLI.run(["baseline", "record", "v1.tar", "--name", "fresh"], in: versions.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Created Baselines/fresh.json"))
        let baseline = try JSONParser.parse(try GateCLI.read(versions.root + "/Baselines/fresh.json"))
        #expect(baseline.objectValue?.map(\.key) == ["schemaVersion", "recorded"])
        let missing = try GateCLI.run(["baseline", "record", "nope.tar"], in: versions.root)
        #expect(missing.status == 2)
    }

    @Test func showPrintsTheRulesInForceAndWhereTheyCameFrom() throws {
        let versions = try Versions()
        defer { GateCLI.remove(versions.root) }
        let result = try GateCLI.run(["baseline", "show", "svc"], in: versions.root)
        #expect(result.status == 0)
        let line = result.stdout.split(separator: "\n").first { $0.contains("limits.warn") }.map(String.init) ?? ""
        #expect(line.contains("1 MB (1,000,000 B)"))
        #expect(line.hasSuffix("svc.json"))
        #expect(result.stdout.contains("No recorded measurement"))
        let fallback = try GateCLI.run(["baseline", "show", "other"], in: versions.root)
        #expect(fallback.stdout.contains("no other.json: defaults apply"))
        #expect(fallback.stdout.contains("500 MB (500,000,000 B)"))
        try GateCLI.write(#"{"schemaVersion": 1, "limit": {}}"#, to: versions.root + "/Baselines/bad.json")
        let bad = try GateCLI.run(["baseline", "show", "bad"], in: versions.root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("Baselines/bad.json: limit: unknown key"))
    }

    @Test func diffOfTwoImagesAndOfASavedReport() throws {
        let versions = try Versions()
        defer { GateCLI.remove(versions.root) }
        let diff = try GateCLI.run(["diff", "v1.tar", "v2.tar", "--format", "json"], in: versions.root)
        #expect(diff.status == 0, "\(diff.stderr)")
        let json = try JSONParser.parse(diff.stdout)
        #expect(json["kind"] == "plimsoll-diff")
        let content = json["totals"]?.arrayValue?.first { $0["measure"] == "content" }
        #expect(content?["deltaBytes"]?.intValue == versions.v2.contentBytes - versions.v1.contentBytes)
        let layers = json["layers"]?.arrayValue?.map { "\($0["status"]?.stringValue ?? ""):\($0["match"]?.stringValue ?? "")" }
        #expect(layers == ["changed:historyStep", "unchanged:diffID"])

        _ = try GateCLI.run(["check", "v1.tar"], in: versions.root)
        let fromReport = try GateCLI.run(["diff", "Reports/svc.json", "v2.tar"], in: versions.root)
        #expect(fromReport.status == 0, "\(fromReport.stderr)")
        #expect(fromReport.stdout.contains("changed"))
        #expect(fromReport.stdout.contains("+80 kB"))

        let inspect = try GateCLI.run(["inspect", "v1.tar", "--format", "json"], in: versions.root)
        try GateCLI.write(inspect.stdout, to: versions.root + "/v1-inspect.json")
        let fromInspect = try GateCLI.run(["diff", "v1-inspect.json", "v2.tar", "--format", "markdown"], in: versions.root)
        #expect(fromInspect.status == 0, "\(fromInspect.stderr)")
        #expect(fromInspect.stdout.contains("| changed | 1→1 |"))

        let bad = try GateCLI.run(["diff", "missing.tar", "v2.tar"], in: versions.root)
        #expect(bad.status == 2)
    }
}
