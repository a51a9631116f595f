import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// The whole path: `plimsoll check` writes the history (30 builds of 15 services, with the clock
/// fixed by SOURCE_DATE_EPOCH), then `plimsoll trend` reads it.
@Suite struct TrendOverGateHistoryTests {
    static let megabyte: Int64 = 1_000_000
    /// 2024-05-01T00:00:00Z; build j of service i is checked j days and i minutes later.
    static let start: Int64 = 1_714_521_600

    /// Service i's image in build j: one file of (10 + i) MB, 2 MB less in the second build;
    /// service 0 instead grows by 3 MB, past the 1 MB growth warning.
    static func size(service i: Int, build j: Int) -> Int64 {
        let first = Int64(10 + i) * megabyte
        guard j == 1 else { return first }
        return i == 0 ? first + 3 * megabyte : first - 2 * megabyte
    }

    @Test func chartsTheGatesHistory() throws {
        let root = try TemporaryDirectory.url("plimsoll-gate-trend")
        defer { try? FileManager.default.removeItem(at: root) }
        let baselines = root.appendingPathComponent("Baselines")
        try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
        try Data("""
            {"schemaVersion": 1, "limits": {"warn": "500MB", "target": "5MB"}, "growth": {"warn": {"bytes": "1MB"}}}
            """.utf8).write(to: baselines.appendingPathComponent("defaults.json"))
        let reports = root.appendingPathComponent("Reports").path
        var digests: [String: String] = [:]
        for j in 0..<2 {
            for i in 0..<15 {
                let name = "service-\(i < 10 ? "0" : "")\(i)"
                let tarball = root.appendingPathComponent("\(name)-\(j).tar").path
                let spec = ImageSpec(tags: ["\(name):1.\(j)"], layers: [
                    LayerSpec([.file("app/blob", size: Self.size(service: i, build: j))], compression: .gzip, createdBy: "COPY blob /app/")
                ])
                let written = try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .docker25), to: tarball)
                digests["\(name)-\(j)"] = written.images[0].configDigest
                let epoch = Self.start + Int64(j) * 86_400 + Int64(i) * 60
                let check = try CommandRunner.run(
                    ["check", tarball, "--name", name, "--baselines", baselines.path, "--reports", reports, "--quiet"],
                    environment: ["SOURCE_DATE_EPOCH": String(epoch)])
                #expect(check.status == 0, "\(name): \(check.stderr)")
            }
        }
        let out = root.appendingPathComponent("Trend").path
        let trend = try CommandRunner.run(["trend", reports + "/history", "--out", out])
        #expect(trend.status == 0, "\(trend.stderr)")
        #expect(trend.stderr.isEmpty)

        let json = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/trend.json"))))
        #expect(json["measurementCount"]?.intValue == 30)
        #expect(json["from"]?.stringValue == "2024-05-01T00:00:00Z")
        #expect(json["to"]?.stringValue == "2024-05-02T00:14:00Z")
        let before = (0..<15).reduce(Int64(0)) { $0 + Self.size(service: $1, build: 0) }
        let after = (0..<15).reduce(Int64(0)) { $0 + Self.size(service: $1, build: 1) }
        #expect(json["fleet"]?["beforeBytes"]?.intValue == before)
        #expect(json["fleet"]?["afterBytes"]?.intValue == after)
        #expect(json["fleet"]?["savingsBytes"]?.intValue == before - after)
        #expect(json["fleet"]?["targetBytes"]?.intValue == 15 * 5 * Self.megabyte)
        let services = try #require(json["services"]?.arrayValue)
        #expect(services.count == 15)
        for service in services {
            let name = try #require(service["name"]?.stringValue)
            let i = try #require(Int(name.dropFirst("service-".count)))
            #expect(service["first"]?["contentBytes"]?.intValue == Self.size(service: i, build: 0))
            #expect(service["latest"]?["contentBytes"]?.intValue == Self.size(service: i, build: 1))
            #expect(service["latest"]?["imageDigest"]?.stringValue == digests["\(name)-1"])
            #expect(service["progress"]?["remainingBytes"]?.intValue == Self.size(service: i, build: 1) - 5 * Self.megabyte)
            // The very progress the latest check reported, from the same numbers.
            let report = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: reports + "/\(name).json"))))
            #expect(service["progress"] == report["progress"])
            let events = try #require(service["growthEvents"]?.arrayValue)
            if i == 0 {
                #expect(events.count == 1)
                #expect(events.first?["imageDigest"]?.stringValue == digests["service-00-1"])
                #expect(events.first?["growthBytes"]?.intValue == 3 * Self.megabyte)
                #expect(events.first?["rule"]?.stringValue == "growth.warn.bytes")
                #expect(events.first?["limit"]?["bytes"]?.intValue == Self.megabyte)
            } else {
                #expect(events.isEmpty)
            }
        }
        // Largest first: service-14 (22 MB after) leads, service-00 (13 MB) is after service-04 (12 MB).
        #expect(services.first?["name"]?.stringValue == "service-14")
        let markdown = try String(contentsOfFile: out + "/trend.md", encoding: .utf8)
        #expect(markdown.contains("| service-00 | 10 MB | 13 MB | -3 MB | -30% | 5 MB |"))
        #expect(markdown.contains("| `\(String(try #require(digests["service-00-1"]).dropFirst(7).prefix(12)))` | 13 MB | +3 MB | warn: growth.warn.bytes 1 MB |"))
        // A chart per service, the fleet's, and (check ran the accountant, so records carry
        // categories) the categories chart of the largest service.
        let charts = try FileManager.default.contentsOfDirectory(atPath: out + "/charts")
        #expect(charts.count == 17)
        #expect(charts.contains("categories-service-14.svg"))
        #expect(services.first?["categoriesChart"]?.stringValue == "charts/categories-service-14.svg")
    }

    /// Two services that share a base layer, then one moves to another base: the fleet chart's
    /// deduplicated line counts the shared base once while they share it, and meets the plain sum
    /// once they share nothing. Expected totals are added up from the specs.
    @Test func theFleetTrendCountsSharedLayersOnce() throws {
        let root = try TemporaryDirectory.url("plimsoll-shared-trend")
        defer { try? FileManager.default.removeItem(at: root) }
        let baselines = root.appendingPathComponent("Baselines")
        try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
        try Data(#"{"schemaVersion": 1, "limits": {"warn": "500MB"}}"#.utf8).write(to: baselines.appendingPathComponent("defaults.json"))
        let reports = root.appendingPathComponent("Reports").path
        let base = LayerSpec([.file("lib/libc.so.6", size: 400_000)], compression: .gzip, createdBy: "ADD rootfs /")
        let newBase = LayerSpec([.file("lib/ld-musl.so.1", size: 300_000)], compression: .gzip, createdBy: "ADD alpine /")
        func app(_ size: Int64) -> LayerSpec { LayerSpec([.file("app/main.js", size: size)], compression: .gzip, createdBy: "COPY app /app/") }
        // Build j of service a, then of b, a minute apart; the builds a day apart.
        let builds: [[(String, [LayerSpec])]] = [
            [("a", [base, app(100_000)]), ("b", [base, app(50_000)])],
            [("a", [base, app(120_000)]), ("b", [newBase, app(50_000)])],
        ]
        for (j, build) in builds.enumerated() {
            for (i, (name, layers)) in build.enumerated() {
                let tarball = root.appendingPathComponent("\(name)-\(j).tar").path
                try ImageFixtureBuilder.write([ImageSpec(tags: ["\(name):1.\(j)"], layers: layers)], options: ArchiveOptions(), to: tarball)
                let check = try CommandRunner.run(
                    ["check", tarball, "--baselines", baselines.path, "--reports", reports, "--quiet"],
                    environment: ["SOURCE_DATE_EPOCH": String(Self.start + Int64(j) * 86_400 + Int64(i) * 60)])
                #expect(check.status == 0, "\(name): \(check.stderr)")
            }
        }
        let out = root.appendingPathComponent("Trend").path
        let trend = try CommandRunner.run(["trend", reports + "/history", "--out", out])
        #expect(trend.status == 0, "\(trend.stderr)")
        let json = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/trend.json"))))
        let fleet = try #require(json["fleet"])
        func size(_ j: Int, _ i: Int) -> Int64 { builds[j][i].1.reduce(0) { $0 + $1.contentBytes } }
        // At each record's time, every service with its latest build (b counts with its first
        // before it is measured).
        let plain = [size(0, 0) + size(0, 1), size(0, 0) + size(0, 1), size(1, 0) + size(0, 1), size(1, 0) + size(1, 1)]
        let shared = [
            base.contentBytes + 100_000 + 50_000, base.contentBytes + 100_000 + 50_000,
            base.contentBytes + 120_000 + 50_000, size(1, 0) + size(1, 1),
        ]
        #expect(fleet["totals"]?.arrayValue?.map { $0["bytes"]?.intValue } == plain)
        #expect(fleet["deduplicatedTotals"]?.arrayValue?.map { $0["bytes"]?.intValue } == shared)
        #expect(fleet["deduplicatedBeforeBytes"]?.intValue == shared.first)
        #expect(fleet["deduplicatedAfterBytes"]?.intValue == shared.last)
        let chart = try String(contentsOfFile: out + "/charts/fleet.svg", encoding: .utf8)
        #expect(chart.contains("plain sum") && chart.contains("shared layers counted once"))
        let markdown = try String(contentsOfFile: out + "/trend.md", encoding: .utf8)
        #expect(markdown.contains("| shared layers counted once | 550 kB | 870 kB | -320 kB | -58.2% |  |"))
    }

    /// check and trend print the same progress, from the same start: the issue's finance case,
    /// where check counted from targetStart and trend from the first record.
    @Test func checkAndTrendPrintTheSameProgress() throws {
        let root = try TemporaryDirectory.url("plimsoll-progress")
        defer { try? FileManager.default.removeItem(at: root) }
        let baselines = root.appendingPathComponent("Baselines")
        try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
        try Data(#"{"schemaVersion": 1, "limits": {"target": "5MB", "targetStart": "20MB"}}"#.utf8)
            .write(to: baselines.appendingPathComponent("finance.json"))
        let reports = root.appendingPathComponent("Reports").path
        var lines: [String] = []
        for (j, size) in [(0, 24 * Self.megabyte), (1, 14 * Self.megabyte)] {
            let tarball = root.appendingPathComponent("finance-\(j).tar").path
            let spec = ImageSpec(tags: ["finance:\(j)"], layers: [LayerSpec([.file("app/blob", size: size)], createdBy: "COPY blob /app/")])
            try ImageFixtureBuilder.write([spec], options: ArchiveOptions(), to: tarball)
            let check = try CommandRunner.run(
                ["check", tarball, "--baselines", baselines.path, "--reports", reports],
                environment: ["SOURCE_DATE_EPOCH": String(Self.start + Int64(j) * 86_400)])
            #expect(check.status == 0, "\(check.stderr)")
            lines.append(contentsOf: check.stdout.split(separator: "\n").map(String.init).filter { $0.contains("target 5 MB") })
        }
        // 24 MB grew 4 MB past the 20 MB start; 14 MB is (20 − 14) / (20 − 5) = 40% of the way.
        #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) } == [
            "target 5 MB: 19 MB to go; grew 4 MB since the start (20 MB)", "target 5 MB: 9 MB to go, 40% of the way (from 20 MB)",
        ])
        let out = root.appendingPathComponent("Trend").path
        let trend = try CommandRunner.run(["trend", reports + "/history", "--out", out])
        #expect(trend.status == 0, "\(trend.stderr)")
        let markdown = try String(contentsOfFile: out + "/trend.md", encoding: .utf8)
        #expect(markdown.contains("target 5 MB: 9 MB to go, 40% of the way (from 20 MB)"))
        let json = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/trend.json"))))
        let progress = json["services"]?.arrayValue?.first?["progress"]
        #expect(progress?["fractionOfTheWay"]?.doubleValue == 0.4)
        #expect(progress?["percentOfTheWay"]?.intValue == 40)
        #expect(progress?["startSource"] == "targetStart")
    }
}
