import Charts
import Foundation
import ImageLoading
import ImageModel
import PlimsollKit
import PlimsollTestSupport
import Reporting
import SizeGate
import StableJSON
import Testing

/// The use cases with an injected clock, random names and an accountant stand-in.
@Suite struct GateCheckTests {
    let root: String
    let spec: ImageSpec
    /// The config digest the fixture builder wrote.
    let configDigest: String

    init() throws {
        root = try TemporaryDirectory.make("plimsoll-gatekit")
        try FileManager.default.createDirectory(atPath: root + "/Baselines", withIntermediateDirectories: true)
        spec = ImageSpec(
            tags: ["registry.example.com/team/billing:2"],
            layers: [
                LayerSpec([.file("app/node_modules/typescript/lib/tsc.js", size: 5_000)], createdBy: "RUN pnpm i"),
                LayerSpec([.file("app/dist/main.js", size: 10_000), .file("root/.npm/cache", size: 3_000)], createdBy: "COPY dist"),
            ])
        let written = try ImageFixtureBuilder.write([spec], options: ArchiveOptions(), to: root + "/billing.tar")
        configDigest = written.images.first?.configDigest ?? ""
        try #"{"schemaVersion": 1, "categories": {"dev-dependencies": {"fail": "0B"}}, "ignorePaths": ["/root/.npm"]}"#
            .write(toFile: root + "/Baselines/billing.json", atomically: true, encoding: .utf8)
    }

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

    @Test func theAccountantsBreakdownReachesRulesReportsAndHistory() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let check = GateCheck(
            environment: environment(Sequence(["000001"])), baselines: BaselineStore(directory: root + "/Baselines"),
            reports: ReportWriter(directory: root + "/Reports"),
            breakdown: { image in
                // A stand-in accountant: node_modules is dev-only, the rest is app.
                let dev = image.files.filter { $0.path.hasPrefix("/app/node_modules/") }.reduce(Int64(0)) { $0 + $1.sizeBytes }
                return MeasurementBreakdown(
                    categories: [CategoryBytes(name: "app", bytes: image.finalBytes - dev), CategoryBytes(name: "dev-dependencies", bytes: dev)],
                    packages: [PackageMeasurement(ecosystem: "npm", name: "typescript", version: "5.7.2", sizeBytes: dev, scope: "dev")])
            })
        let run = try check.run([.path(root + "/billing.tar")])
        let report = try #require(run.summary.reports.first)
        #expect(report.verdict == .fail)
        let rule = try #require(report.evaluation.results.first { $0.rule == "categories.dev-dependencies.fail" })
        #expect(rule.measured == .bytes(5_000))
        #expect(rule.status == .fail)
        // /root/.npm is ignored: 18,000 content bytes, 15,000 gated.
        #expect(report.evaluation.measurement.contentBytes == spec.contentBytes)
        #expect(report.evaluation.measurement.ignoredBytes == 3_000)
        #expect(report.evaluation.measurement.gatedBytes == 15_000)
        #expect(report.evaluation.measurement.categories.map(\.name) == ["app", "dev-dependencies"])

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
            reports: ReportWriter(directory: root + "/Reports"))
        _ = try check.run([.path(root + "/billing.tar")])
        _ = try check.run([.path(root + "/billing.tar")])
        let names = HistoryStore(directory: root + "/Reports/history").records(name: "billing")
            .map { URL(fileURLWithPath: $0.file).lastPathComponent }
        #expect(names == ["20231114T221320Z-\(digestPrefix())-aaaaaa.json", "20231114T221320Z-\(digestPrefix())-bbbbbb.json"])
    }

    @Test func recordingKeepsTheFileAndSetsTheStartOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try #"{"schemaVersion": 1, "limits": {"target": "1kB"}}"#.write(toFile: root + "/Baselines/defaults.json", atomically: true, encoding: .utf8)
        let recording = BaselineRecording(environment: environment(Sequence([])), baselines: BaselineStore(directory: root + "/Baselines"))
        let first = try recording.record(.path(root + "/billing.tar"))
        #expect(first.targetStartBytes == 15_000)
        #expect(!first.created)
        let second = try recording.record(.path(root + "/billing.tar"))
        #expect(second.targetStartBytes == nil)
        let document = try #require(try BaselineStore(directory: root + "/Baselines").document(name: "billing"))
        #expect(document.limits.targetStart == .value(SizeSetting(bytes: 15_000, written: "15kB")))
        #expect(document.categories.map(\.name) == ["dev-dependencies"])
        #expect(document.recorded?.gatedBytes == 15_000)
    }

    /// The first 12 hex digits of the config digest the fixture builder wrote.
    func digestPrefix() -> String {
        String(configDigest.dropFirst("sha256:".count).prefix(12))
    }
}
