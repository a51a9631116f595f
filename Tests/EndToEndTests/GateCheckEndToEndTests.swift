import Foundation
import FoundationXML
import PlimsollTestSupport
import StableJSON
import Testing

/// `plimsoll check` through the built binary: exit codes, report files, history, annotations,
/// JUnit, and concurrent runs.
@Suite struct GateCheckEndToEndTests {
    /// A workspace with three images and baselines that make them pass, warn and fail.
    struct Fleet {
        var root: String
        var light: ImageSpec
        var medium: ImageSpec
        var heavy: ImageSpec

        init() throws {
            root = try GateCLI.workspace()
            light = try GateCLI.image("light", layers: [[("bin/sh", 20_000)], [("app/main.js", 20_000)]], at: root + "/light.tar")
            medium = try GateCLI.image("medium", layers: [[("bin/sh", 20_000)], [("app/main.js", 130_000)]], at: root + "/medium.tar")
            heavy = try GateCLI.image(
                "heavy", layers: [[("bin/sh", 20_000)], [("app/model.bin", 300_000), ("app/main.js", 80_000)]],
                at: root + "/heavy.tar")
            try GateCLI.write(
                #"{"schemaVersion": 1, "limits": {"warn": "100kB", "target": "50kB"}}"#, to: root + "/Baselines/defaults.json")
            try GateCLI.write(#"{"schemaVersion": 1, "limits": {"fail": "300kB"}}"#, to: root + "/Baselines/heavy.json")
        }

        func json(_ relative: String) throws -> JSONValue {
            try JSONParser.parse(try GateCLI.read(root + "/" + relative))
        }
    }

    @Test func passIsExitZeroAndWritesEveryReport() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(["check", "light.tar"], in: fleet.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("PASS  light"))
        for file in ["light.json", "light.md", "summary.json", "summary.md"] {
            #expect(GateCLI.exists(fleet.root + "/Reports/" + file), "\(file)")
        }
        let report = try fleet.json("Reports/light.json")
        #expect(report["kind"] == "plimsoll-check-report")
        #expect(report["verdict"] == "pass")
        #expect(report["measurement"]?["contentBytes"]?.intValue == fleet.light.contentBytes)
        #expect(report["measurement"]?["recordedAt"] == "2023-11-14T22:13:20Z")
        #expect(report["baseline"]?["imageFile"] == .bool(false))
        let history = GateCLI.list(fleet.root + "/Reports/history/light")
        #expect(history.count == 1)
        #expect(history.first?.hasPrefix("20231114T221320Z-") == true)
        #expect(history.first?.range(of: #"^\d{8}T\d{6}Z-[0-9a-f]{12}-[0-9a-f]{6}\.json$"#, options: .regularExpression) != nil)
    }

    @Test func warningIsExitZero() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(["check", "medium.tar"], in: fleet.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("WARN  medium"))
        let report = try fleet.json("Reports/medium.json")
        #expect(report["verdict"] == "warn")
        let rule = report["rules"]?.arrayValue?.first { $0["rule"] == "limits.warn" }
        #expect(rule?["status"] == "warn")
        #expect(rule?["measured"]?.intValue == fleet.medium.contentBytes)
        #expect(rule?["limit"]?.intValue == 100_000)
        #expect(rule?["setBy"] == "defaults.json")
    }

    @Test func failureIsExitOneAndTheSummaryAddsUp() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(["check", "light.tar", "medium.tar", "heavy.tar"], in: fleet.root)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("FAIL  heavy"))
        #expect(result.stdout.contains("over the fail limit 300 kB (limits.fail, heavy.json)"))
        let summary = try fleet.json("Reports/summary.json")
        #expect(summary["verdict"] == "fail")
        let verdicts = summary["images"]?.arrayValue?.map { "\($0["name"]?.stringValue ?? ""):\($0["verdict"]?.stringValue ?? "")" }
        #expect(verdicts == ["light:pass", "medium:warn", "heavy:fail"])
        let total = fleet.light.contentBytes + fleet.medium.contentBytes + fleet.heavy.contentBytes
        #expect(summary["totals"]?["totalBytes"]?.intValue == total)
        #expect(summary["totals"]?["averageBytes"]?.intValue == total / 3)
        #expect(summary["totals"]?["goalBytes"]?.intValue == 50_000)
        // The fleet table ends the run: every service and the totals line.
        let tail = result.stdout.components(separatedBy: "service").last ?? ""
        for name in ["light", "medium", "heavy"] { #expect(tail.contains(name)) }
        #expect(result.stdout.contains("3 images: 1 pass, 1 warn, 1 fail."))
        #expect(result.stdout.contains("the 50 kB goal"))
    }

    @Test func anUnreadableInputIsExitTwoAndTheOthersAreStillChecked() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(["check", "missing.tar", "heavy.tar", "light.tar"], in: fleet.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing.tar"))
        #expect(GateCLI.exists(fleet.root + "/Reports/light.json"))
        #expect(GateCLI.exists(fleet.root + "/Reports/heavy.json"))
        let summary = try fleet.json("Reports/summary.json")
        #expect(summary["verdict"] == "error")
        #expect(summary["errors"]?.arrayValue?.first?["input"] == "missing.tar")
        #expect(summary["images"]?.arrayValue?.count == 2)
    }

    @Test(arguments: [
        (#"{"schemaVersion": 1, "limits": {"warnn": "1MB"}}"#, "Baselines/medium.json: limits.warnn: unknown key"),
        (#"{"schemaVersion": 1, "limits": {"warn": "lots"}}"#, "Baselines/medium.json: limits.warn: 'lots' is not a size"),
        (#"{"schemaVersion": 1, "limits": {"warn": ["1MB"]}}"#, "Baselines/medium.json: limits.warn: expected a size such as \"500MB\" or integer bytes, found a list"),
        (#"{"schemaVersion": 1, "limits": {"#, "Baselines/medium.json: not valid JSON: line 1"),
        (#"{"schemaVersion": 7}"#, "Baselines/medium.json: schemaVersion: unsupported version 7"),
        (#"{"limits": {}}"#, "Baselines/medium.json: no \"schemaVersion\""),
    ])
    func aBadBaselineIsExitTwoWithTheFileKeyAndProblem(_ text: String, _ message: String) throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        try GateCLI.write(text, to: fleet.root + "/Baselines/medium.json")
        let result = try GateCLI.run(["check", "medium.tar", "light.tar"], in: fleet.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("plimsoll: error: " + message), "\(result.stderr)")
        #expect(GateCLI.exists(fleet.root + "/Reports/light.json"))
        #expect(!GateCLI.exists(fleet.root + "/Reports/medium.json"))
    }

    @Test func aBrokenDefaultsFileFailsEveryImage() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        try GateCLI.write(#"{"schemaVersion": 1, "limits": {"warn": -5}}"#, to: fleet.root + "/Baselines/defaults.json")
        let result = try GateCLI.run(["check", "light.tar"], in: fleet.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Baselines/defaults.json: limits.warn: sizes cannot be negative"))
    }

    @Test func usageErrorsAreExit64() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(["check", "light.tar", "medium.tar", "--name", "x"], in: fleet.root)
        #expect(result.status == 64)
        let badName = try GateCLI.run(["check", "light.tar", "--name", "../x"], in: fleet.root)
        #expect(badName.status == 64)
    }

    @Test func githubAnnotationsAndStepSummary() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        let summaryFile = fleet.root + "/step-summary.md"
        try GateCLI.write("previous step\n", to: summaryFile)
        let result = try GateCLI.run(
            ["check", "light.tar", "medium.tar", "heavy.tar", "missing.tar"], in: fleet.root,
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summaryFile])
        #expect(result.status == 2)
        let lines = result.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("::") }
        // One per image and severity (heavy has both), one for the unreadable input, one for the fleet.
        #expect(lines.count == 5, "\(lines)")
        #expect(lines.contains {
            $0.hasPrefix("::error file=Baselines/heavy.json,line=1,title=plimsoll%3A heavy fail (1 reason)::heavy (heavy.tar): fail%0A- size 400 kB is over the fail limit 300 kB")
        })
        #expect(lines.contains { $0.hasPrefix("::warning file=Baselines/defaults.json,line=1,title=plimsoll%3A heavy warn (1 reason)::") })
        #expect(lines.contains { $0.hasPrefix("::warning file=Baselines/defaults.json,line=1,title=plimsoll%3A medium warn (1 reason)::medium (medium.tar): warn%0A- size 150 kB") })
        #expect(lines.contains { $0.hasPrefix("::error title=plimsoll%3A missing.tar could not be checked::missing.tar") })
        #expect(lines.last?.hasPrefix("::error title=plimsoll%3A image size gate error::4 images: 1 pass, 1 warn, 1 fail, 1 error.") == true)
        #expect(!lines.dropLast().contains { $0.contains("light") })
        let step = try GateCLI.read(summaryFile)
        #expect(step.hasPrefix("previous step\n## Image size gate: ERROR"))
        #expect(step.contains("`heavy`"))
        // Not on GitHub: no workflow commands.
        let plain = try GateCLI.run(["check", "heavy.tar"], in: fleet.root)
        #expect(!plain.stdout.contains("::error"))
    }

    /// Every reason of one severity in one annotation, pointing at the line of the key that set the
    /// first reason's limit (counted here from the file's text).
    @Test func annotationsGatherReasonsAndPointAtTheKeyLine() throws {
        let root = try GateCLI.workspace()
        defer { GateCLI.remove(root) }
        _ = try GateCLI.image("svc", layers: [[("bin/sh", 20_000)], [("app/main.js", 380_000)]], at: root + "/svc.tar")
        let defaults = """
            {
              "schemaVersion": 1,
              "limits": {
                "warn": "100kB"
              },
              "categories": {
                "other": { "warn": "10kB" }
              }
            }
            """
        let own = """
            {
              "schemaVersion": 1,
              "description": "fails over 300 kB",
              "limits": {
                "fail": "300kB"
              }
            }
            """
        try GateCLI.write(defaults, to: root + "/Baselines/defaults.json")
        try GateCLI.write(own, to: root + "/Baselines/svc.json")
        func line(of key: String, in text: String) -> Int {
            (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"\(key)\"") } ?? -1) + 1
        }
        let result = try GateCLI.run(["check", "svc.tar"], in: root, environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("::") }
        #expect(lines.count == 3, "\(lines)")
        #expect(lines[0].hasPrefix("::error file=Baselines/svc.json,line=\(line(of: "fail", in: own)),title=plimsoll%3A svc fail (1 reason)::"))
        // limits.warn and categories.other.warn (bin/sh alone is 20 kB) in one annotation, at the first one's key.
        #expect(lines[1].hasPrefix("::warning file=Baselines/defaults.json,line=\(line(of: "warn", in: defaults)),title=plimsoll%3A svc warn (2 reasons)::"))
        #expect(lines[1].contains("%0A- size 400 kB is over the warn limit 100 kB (limits.warn, defaults.json)%0A- category other"))
        #expect(lines[2].hasPrefix("::error title=plimsoll%3A image size gate fail::1 image: 0 pass, 0 warn, 1 fail."))
    }

    @Test func junitHasOneTestCasePerImageAndRule() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(
            ["check", "light.tar", "medium.tar", "heavy.tar", "missing.tar", "--junit", "out/junit.xml", "--quiet"], in: fleet.root)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: fleet.root + "/out/junit.xml"))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.compactMap { $0.attribute(forName: "name")?.stringValue } == ["light", "medium", "heavy", "missing.tar"])
        // light and medium have limits.warn; heavy has limits.warn and limits.fail; missing has one error case.
        let cases = suites.map { $0.elements(forName: "testcase").compactMap { $0.attribute(forName: "name")?.stringValue } }
        #expect(cases == [["limits.warn"], ["limits.warn"], ["limits.warn", "limits.fail"], ["check"]])
        #expect(root.attribute(forName: "tests")?.stringValue == "5")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        let heavyFail = suites[2].elements(forName: "testcase")[1]
        #expect(heavyFail.elements(forName: "failure").first?.attribute(forName: "message")?.stringValue?.contains("300 kB") == true)
        let mediumWarn = suites[1].elements(forName: "testcase")[0]
        #expect(mediumWarn.elements(forName: "system-out").first?.stringValue?.hasPrefix("WARNING:") == true)
        #expect(mediumWarn.elements(forName: "failure").isEmpty)
    }

    @Test func concurrentChecksLoseNoHistory() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        let runs = 4
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: runs) { _ in
            let status = (try? GateCLI.run(["check", "light.tar", "medium.tar"], in: fleet.root).status) ?? -1
            statuses.add(status)
        }
        #expect(statuses.all == Array(repeating: 0, count: runs))
        for (name, spec) in [("light", fleet.light), ("medium", fleet.medium)] {
            let directory = fleet.root + "/Reports/history/" + name
            let files = GateCLI.list(directory)
            #expect(files.count == runs, "\(name): \(files)")
            for file in files {
                let record = try JSONParser.parse(try GateCLI.read(directory + "/" + file))
                #expect(record["kind"] == "plimsoll-measurement")
                #expect(record["contentBytes"]?.intValue == spec.contentBytes)
            }
        }
        // The per-image reports are whole (one of the runs' versions), not interleaved.
        #expect((try fleet.json("Reports/light.json"))["verdict"] == "pass")
        #expect(GateCLI.list(fleet.root + "/Reports").allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func reportsHoldNoAbsolutePathsOrColours() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(
            ["check", fleet.root + "/heavy.tar", fleet.root + "/nope.tar", "--baselines", fleet.root + "/Baselines",
             "--reports", fleet.root + "/R"],
            in: "/")
        #expect(result.status == 2)
        for file in ["heavy.json", "heavy.md", "summary.json", "summary.md"] {
            let text = try GateCLI.read(fleet.root + "/R/" + file)
            #expect(!text.contains(fleet.root), "\(file)")
            #expect(!text.contains("\u{1B}"), "\(file)")
        }
        #expect((try JSONParser.parse(try GateCLI.read(fleet.root + "/R/heavy.json")))["input"] == "heavy.tar")
    }

    @Test func markdownPutsTheVerdictFirstThenRulesChangesFindings() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        _ = try GateCLI.run(["check", "heavy.tar"], in: fleet.root)
        let markdown = try GateCLI.read(fleet.root + "/Reports/heavy.md")
        #expect(markdown.hasPrefix("## ❌ `heavy`: FAIL\n"))
        let positions = ["### Rules", "### What changed", "### Findings"].map { markdown.range(of: $0)?.lowerBound }
        let found = positions.compactMap { $0 }
        #expect(found.count == 3)
        #expect(found == found.sorted())
        #expect(markdown.contains("| `limits.fail` | fail | 400 kB | 300 kB | heavy.json |"))
    }

    @Test func aBadSourceDateEpochIsExitTwo() throws {
        let fleet = try Fleet()
        defer { GateCLI.remove(fleet.root) }
        let result = try GateCLI.run(["check", "light.tar"], in: fleet.root, environment: ["SOURCE_DATE_EPOCH": "soon"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("SOURCE_DATE_EPOCH"))
    }
}

/// Exit statuses collected from concurrent runs.
final class Statuses: @unchecked Sendable {
    private var values: [Int32] = []
    private let lock = NSLock()

    func add(_ value: Int32) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }

    var all: [Int32] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}

/// README's first command: the committed example images against the shipped baselines.
@Suite struct GateExamplesEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func examplesPassWarnAndFailAgainstTheShippedBaselines() throws {
        let reports = try GateCLI.workspace()
        defer { GateCLI.remove(reports) }
        let result = try GateCLI.run(
            ["check", "Examples/configuration.tar", "Examples/notification.tar", "Examples/finance.tar", "--reports", reports],
            in: Self.root)
        #expect(result.status == 1, "\(result.stderr)")
        let summary = try JSONParser.parse(try GateCLI.read(reports + "/summary.json"))
        let verdicts = summary["images"]?.arrayValue?.map { "\($0["name"]?.stringValue ?? ""):\($0["verdict"]?.stringValue ?? "")" }
        #expect(verdicts == ["configuration:pass", "notification:warn", "finance:fail"])
        let finance = try JSONParser.parse(try GateCLI.read(reports + "/finance.json"))
        let failed = finance["rules"]?.arrayValue?.filter { $0["status"] == "fail" }.compactMap { $0["rule"]?.stringValue }
        // The finance example ships dev dependencies, and finance.json allows none of them.
        #expect(failed == ["limits.fail", "categories.dev-dependencies.fail"])
        // Gigabytes of content from kilobytes on disk.
        #expect((finance["measurement"]?["contentBytes"]?.intValue ?? 0) > 8_000_000_000)
        let onDisk = try ["configuration", "notification", "finance"].reduce(Int64(0)) { total, name in
            let attributes = try FileManager.default.attributesOfItem(atPath: Self.root + "/Examples/\(name).tar")
            return total + ((attributes[.size] as? NSNumber)?.int64Value ?? 0)
        }
        #expect(onDisk < 1_000_000)
    }
}

/// `check --html`: one self-contained page per image beside the reports.
@Suite struct CheckHTMLEndToEndTests {
    @Test func writesOneSelfContainedPagePerImage() throws {
        let reports = try GateCLI.workspace()
        defer { GateCLI.remove(reports) }
        let result = try GateCLI.run(
            ["check", "Examples/configuration.tar", "Examples/finance.tar", "--reports", reports, "--html", "--quiet"],
            in: GateExamplesEndToEndTests.root)
        #expect(result.status == 1, "\(result.stderr)")
        for name in ["configuration", "finance"] {
            let page = try GateCLI.read(reports + "/\(name).html")
            #expect(page.hasPrefix("<!DOCTYPE html>"))
            #expect(page.contains(name))
            // Self-contained: nothing fetched from anywhere.
            // (Text may mention URLs, as history steps do; nothing may load one.)
            for reference in ["<script", "<link ", "src=\"http", "href=\"http", "@import", "url(http", "url('http", "url(\"http"] {
                #expect(!page.contains(reference), "\(name).html contains \(reference)")
            }
        }
        // The finance page carries the accountant's view: its dev dependencies finding.
        #expect(try GateCLI.read(reports + "/finance.html").contains("dev-dependencies"))
    }
}
