import SizeAccounting
import Charts
import Foundation
import SizeGate
import StableJSON

/// Writes a gate-style measurement history into a temporary directory, with times from an
/// injected clock (a fixed start plus offsets), and keeps the values it wrote so that tests can
/// compute the expected figures themselves.
struct HistoryFixture {
    struct Record {
        var service: String
        var time: UTCTimestamp
        var digest: String
        var contentBytes: Int64
        var warnBytes: Int64?
        var failBytes: Int64?
        var targetBytes: Int64?
        /// The service's first measurement: where the way to the target starts (targetStart).
        var startBytes: Int64
        var categories: [(String, Int64)]
    }

    static let services = [
        "api-gateway", "auth", "master-data", "workflow", "rules-engine", "finance", "notification", "configuration",
        "scheduler", "audit", "organization", "hr", "crm", "scm", "project-management",
    ]
    /// 2024-05-01T00:00:00Z, the injected clock's start.
    static let start: Int64 = 1_714_521_600
    static let megabyte: Int64 = 1_000_000
    /// Change of each successive measurement: the third grows (a growth-rule warning).
    static let steps: [Int64] = [0, -100 * megabyte, 250 * megabyte, -400 * megabyte]

    /// A temporary directory for the test: the history is `root/history`, reports go beside it.
    /// The growth rules every record carries: warn above 300 MB or above 10% (if at least
    /// 20 MB), fail above 1 GB.
    static let growthFloor: Int64 = 20 * megabyte
    static let growthWarn: Int64 = 300 * megabyte
    static let growthWarnPercent = 10.0
    static let growthFail: Int64 = 1_000 * megabyte

    var root: URL
    var history: URL { root.appendingPathComponent("history") }
    var records: [Record] = []

    /// Service i gets 2 + i % 3 weekly measurements (45 in all), starting at 1 GB + i × 400 MB;
    /// finance starts at 7.19 GB with its 1.2 GB target and carries categories.
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-trend-\(UUID().uuidString)")
        for (i, service) in Self.services.enumerated() {
            let first: Int64 = service == "finance" ? 7_190_000_000 : 1_000_000_000 + Int64(i) * 400 * Self.megabyte
            var value = first
            for j in 0..<(2 + i % 3) {
                value += Self.steps[j]
                let hex = String(repeating: String(format: "%02d%02d", i, j), count: 16)
                let categories: [(String, Int64)] = service == "finance"
                    ? [("ml-libraries", value * 4 / 10), ("dev-dependencies", value * 2 / 10), ("node-modules", value * 2 / 10),
                        ("os-packages", value / 10), ("app", value - value * 4 / 10 - value * 2 / 10 * 2 - value / 10)]
                    : []
                records.append(Record(
                    service: service, time: UTCTimestamp(seconds: Self.start + Int64(j) * 7 * 86_400 + Int64(i) * 3_600),
                    digest: "sha256:" + hex, contentBytes: value, warnBytes: 500 * Self.megabyte,
                    failBytes: first + 1_000 * Self.megabyte,
                    targetBytes: service == "finance" ? 1_200 * Self.megabyte : 400 * Self.megabyte, startBytes: first,
                    categories: categories))
            }
        }
        for record in records { try write(record) }
    }

    /// Writes `record` with the gate's own encoder, exactly as `plimsoll check` would.
    func write(_ record: Record) throws {
        let measurement = SizeGate.ImageMeasurement(
            name: record.service, recordedAt: UTCTimestamp(seconds: record.time.seconds), imageDigest: record.digest,
            tags: ["\(record.service):latest"], contentBytes: record.contentBytes, finalBytes: record.contentBytes, wastedBytes: 0,
            compressedBytes: record.contentBytes / 3, compressedBytesSource: .stored, layers: [],
            categories: record.categories.map { SizeLedger.CategoryTotal(category: SizeCategory(rawValue: $0.0)!, bytes: $0.1, fileCount: 1) })
        let history = HistoryRecord(
            measurement: measurement, warnBytes: record.warnBytes, failBytes: record.failBytes, targetBytes: record.targetBytes,
            growthFloorBytes: Self.growthFloor, growthWarnBytes: Self.growthWarn, growthWarnPercent: Self.growthWarnPercent,
            growthFailBytes: Self.growthFail, growthFailPercent: nil, verdict: .warn,
            progress: TargetProgress(
                targetBytes: record.targetBytes, targetStartBytes: record.startBytes, recordedBytes: nil,
                measuredBytes: record.contentBytes))
        try writeFile("\(record.service)/\(history.fileName(randomHex: "a1b2c3"))", history.text)
    }

    func writeFile(_ relative: String, _ text: String) throws {
        let url = history.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func records(of service: String) -> [Record] {
        records.filter { $0.service == service }.sorted { $0.time < $1.time }
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
