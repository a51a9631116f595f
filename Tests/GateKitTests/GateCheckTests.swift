import Charts
import Foundation
import ImageLoading
import ImageModel
import PlimsollKit
import PlimsollTestSupport
import Reporting
import SizeAccounting
import SizeGate
import StableJSON
import Testing

/// The use cases with an injected clock, random names and the real accountant.
@Suite struct GateCheckTests {
    let root: String
    let spec: ImageSpec
    /// The config digest the fixture builder wrote.
    let configDigest: String

    init() throws {
        root = try TemporaryDirectory.make("plimsoll-gatekit")
        try FileManager.default.createDirectory(atPath: root + "/Baselines", withIntermediateDirectories: true)
        // typescript is reachable only through the app's devDependencies: the accountant labels
        // its bytes (the 5,000-byte tsc.js and its package.json) dev-dependencies.
        spec = ImageSpec(
            tags: ["registry.example.com/team/billing:2"],
            layers: [
                LayerSpec(
                    [
                        .file("app/package.json", text: Self.appManifest),
                        .file("app/node_modules/typescript/package.json", text: Self.typescriptManifest),
                        .file("app/node_modules/typescript/lib/tsc.js", size: 5_000),
                    ], createdBy: "RUN pnpm i"),
                LayerSpec([.file("app/dist/main.js", size: 10_000), .file("root/.npm/cache", size: 3_000)], createdBy: "COPY dist"),
            ],
            config: ConfigSpec(workdir: "/app"))
        let written = try ImageFixtureBuilder.write([spec], options: ArchiveOptions(), to: root + "/billing.tar")
        configDigest = written.images.first?.configDigest ?? ""
        try #"{"schemaVersion": 1, "categories": {"dev-dependencies": {"fail": "0B"}}, "ignorePaths": ["/root/.npm"]}"#
            .write(toFile: root + "/Baselines/billing.json", atomically: true, encoding: .utf8)
    }

    static let appManifest = #"{"name": "billing", "version": "2.0.0", "devDependencies": {"typescript": "5.7.2"}}"#
    static let typescriptManifest = #"{"name": "typescript", "version": "5.7.2"}"#
    /// Bytes of the dev-only package: its manifest and tsc.js.
    static let devBytes = Int64(typescriptManifest.utf8.count) + 5_000
    /// Everything else the app ships under /app: its manifest and main.js.
    static let appBytes = Int64(appManifest.utf8.count) + 10_000

    func accountant() throws -> SizeAccountant { SizeAccountant(rules: try AccountingRules.builtIn()) }

    /// Random hex from a fixed list, so file names are predictable and collisions can be forced.
    final class Sequence: @unchecked Sendable {
        private var values: [String]
        private let lock = NSLock()
        init(_ values: [String]) { self.values = values }
        func next(_ count: Int) -> String {
            lock.lock()
            defer { lock.unlock() }
            return values.isEmpty ? String(repeating: "f", count: count) : values.removeFirst()
        }
    }

    func environment(_ sequence: Sequence) -> PlimsollKit.Environment {
        Environment(clock: FixedClock(UTCTimestamp(seconds: 1_700_000_000)), randomHex: { sequence.next($0) })
    }

    @Test func theAccountantsLedgerReachesRulesReportsAndHistory() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let check = GateCheck(
            environment: environment(Sequence(["000001"])), baselines: BaselineStore(directory: root + "/Baselines"),
            reports: ReportWriter(directory: root + "/Reports"), accountant: try accountant())
        let run = try check.run([.path(root + "/billing.tar")])
        let report = try #require(run.summary.reports.first)
        #expect(report.verdict == .fail)
        let rule = try #require(report.evaluation.results.first { $0.rule == "categories.dev-dependencies.fail" })
        #expect(rule.measured == .bytes(Self.devBytes))
        #expect(rule.status == .fail)
        // /root/.npm is ignored: everything else is gated.
        let measurement = report.evaluation.measurement
        #expect(measurement.contentBytes == spec.contentBytes)
        #expect(measurement.ignoredBytes == 3_000)
        #expect(measurement.gatedBytes == spec.contentBytes - 3_000)
        // Largest first: app, dev-dependencies, then the npm cache's 3,000 bytes; every other
        // category is there with 0 bytes.
        #expect(measurement.categories.count == SizeCategory.allCases.count)
        #expect(
            measurement.categories.filter { $0.bytes > 0 }.map { [$0.category.rawValue: $0.bytes] } == [
                ["app": Self.appBytes], ["dev-dependencies": Self.devBytes], ["caches-and-leftovers": 3_000],
            ])
        #expect(measurement.packages.map(\.displayName) == ["typescript@5.7.2"])
        #expect(measurement.packages.first?.scope == .dev)
        #expect(report.findings.contains { $0.id == "dev-dependencies-shipped" })

        let records = HistoryStore(directory: root + "/Reports/history").records(name: "billing")
        #expect(records.map { URL(fileURLWithPath: $0.file).lastPathComponent } == ["20231114T221320Z-\(digestPrefix())-000001.json"])
        let record = try #require(try records.first?.record.get())
        #expect(record.verdict == .fail)
        #expect(record.measurement.categories == report.evaluation.measurement.categories)
        #expect(record.measurement.packages.first?.name == "typescript")
    }

    @Test func aTakenHistoryNameIsNeverOverwritten() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sequence = Sequence(["aaaaaa", "aaaaaa", "bbbbbb"])
        let check = GateCheck(
            environment: environment(sequence), baselines: BaselineStore(directory: root + "/Baselines"),
            reports: ReportWriter(directory: root + "/Reports"), accountant: try accountant())
        _ = try check.run([.path(root + "/billing.tar")])
        _ = try check.run([.path(root + "/billing.tar")])
        let names = HistoryStore(directory: root + "/Reports/history").records(name: "billing")
            .map { URL(fileURLWithPath: $0.file).lastPathComponent }
        #expect(names == ["20231114T221320Z-\(digestPrefix())-aaaaaa.json", "20231114T221320Z-\(digestPrefix())-bbbbbb.json"])
    }

    @Test func recordingKeepsTheFileAndSetsTheStartOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try #"{"schemaVersion": 1, "limits": {"target": "1kB"}}"#.write(toFile: root + "/Baselines/defaults.json", atomically: true, encoding: .utf8)
        let recording = BaselineRecording(
            environment: environment(Sequence([])), baselines: BaselineStore(directory: root + "/Baselines"), accountant: try accountant())
        let first = try recording.record(.path(root + "/billing.tar"))
        // The start is the gated size rounded up to three digits: 15,xxx bytes written as "15.1kB" or so.
        let gated = spec.contentBytes - 3_000
        #expect(first.targetStartBytes.map { $0 >= gated && $0 < gated + 100 } == true)
        #expect(!first.created)
        let second = try recording.record(.path(root + "/billing.tar"))
        #expect(second.targetStartBytes == nil)
        let document = try #require(try BaselineStore(directory: root + "/Baselines").document(name: "billing"))
        #expect(document.limits.targetStart.over(nil)?.bytes == first.targetStartBytes)
        #expect(document.categories.map(\.category) == [.devDependencies])
        #expect(document.recorded?.gatedBytes == gated)
        #expect(document.recorded?.categories.first { $0.category == .devDependencies }?.bytes == Self.devBytes)
    }

    /// The first 12 hex digits of the config digest the fixture builder wrote.
    func digestPrefix() -> String {
        String(configDigest.dropFirst("sha256:".count).prefix(12))
    }
}
