import Charts
import SizeGate

/// One stored measurement of one image, as the gate appends it to `Reports/history/NAME/`
/// (schema version 1, kind `plimsoll-measurement`). The trend reads only what it charts.
public struct MeasurementRecord: Sendable, Equatable {
    /// The gate's verdict for that build.
    public enum Verdict: String, Sendable, Equatable {
        case pass, warn, fail
    }

    /// Limits of the baseline that applied; nil where unset.
    public struct Limits: Sendable, Equatable {
        public var warnBytes: Int64?
        public var failBytes: Int64?
        public var targetBytes: Int64?

        public init(warnBytes: Int64? = nil, failBytes: Int64? = nil, targetBytes: Int64? = nil) {
            self.warnBytes = warnBytes
            self.failBytes = failBytes
            self.targetBytes = targetBytes
        }
    }

    /// The growth rules of the baseline that applied (the gate records the levels, not a result,
    /// because its growth is measured against a recorded measurement the history does not hold).
    public struct GrowthRules: Sendable, Equatable {
        /// Percent rules trip only when the growth is at least this many bytes.
        public var floorBytes: Int64?
        public var warnBytes: Int64?
        public var warnPercent: Double?
        public var failBytes: Int64?
        public var failPercent: Double?

        public init(
            floorBytes: Int64? = nil, warnBytes: Int64? = nil, warnPercent: Double? = nil, failBytes: Int64? = nil,
            failPercent: Double? = nil
        ) {
            self.floorBytes = floorBytes
            self.warnBytes = warnBytes
            self.warnPercent = warnPercent
            self.failBytes = failBytes
            self.failPercent = failPercent
        }

        /// The highest level `growth` bytes over a size of `base` reaches, with the rule that
        /// tripped ("fail", "> 500 MB"), or nil. The gate's semantics: a bytes rule trips when the
        /// growth is greater than its bytes; a percent rule when the growth is greater than that
        /// percentage of the base and at least the floor. Shrinking never trips.
        public func crossed(growth: Int64, base: Int64, bytes: (Int64) -> String) -> (level: MeasurementRecord.Verdict, rule: String)? {
            guard growth > 0 else { return nil }
            for (level, byteLimit, percentLimit) in [(Verdict.fail, failBytes, failPercent), (.warn, warnBytes, warnPercent)] {
                if let byteLimit, growth > byteLimit { return (level, "\(level.rawValue): growth > \(bytes(byteLimit))") }
                if let percentLimit, base > 0, Double(growth) * 100 / Double(base) > percentLimit, growth >= (floorBytes ?? 0) {
                    var rule = "\(level.rawValue): growth > \(percentText(percentLimit))%"
                    if let floorBytes, floorBytes > 0 { rule += " (floor \(bytes(floorBytes)))" }
                    return (level, rule)
                }
            }
            return nil
        }

        private func percentText(_ value: Double) -> String {
            value == value.rounded() ? String(Int64(value)) : String(value)
        }
    }

    /// One size category's bytes (`ml-libraries`, `node-modules`, ...), as the gate records them.
    public typealias Category = CategoryBytes

    /// The service (baseline) name.
    public var name: String
    public var recordedAt: UTCTimestamp
    public var imageDigest: String?
    public var tags: [String]
    public var contentBytes: Int64
    public var finalBytes: Int64?
    public var wastedBytes: Int64?
    public var compressedBytes: Int64?
    public var limits: Limits
    public var growth: GrowthRules
    public var verdict: Verdict?
    public var categories: [Category]
    /// The record's file, relative to the history directory ("finance/2024...json"): it orders
    /// records with the same time and names the record in messages.
    public var source: String

    public init(
        name: String, recordedAt: UTCTimestamp, imageDigest: String? = nil, tags: [String] = [],
        contentBytes: Int64, finalBytes: Int64? = nil, wastedBytes: Int64? = nil, compressedBytes: Int64? = nil,
        limits: Limits = Limits(), growth: GrowthRules = GrowthRules(), verdict: Verdict? = nil, categories: [Category] = [],
        source: String = ""
    ) {
        self.name = name
        self.recordedAt = recordedAt
        self.imageDigest = imageDigest
        self.tags = tags
        self.contentBytes = contentBytes
        self.finalBytes = finalBytes
        self.wastedBytes = wastedBytes
        self.compressedBytes = compressedBytes
        self.limits = limits
        self.growth = growth
        self.verdict = verdict
        self.categories = categories
        self.source = source
    }

    /// "sha256:0123456789ab" shortened to its first 12 hex digits, as reports print digests.
    public var shortDigest: String? {
        guard let digest = imageDigest else { return nil }
        let hex = digest.split(separator: ":", maxSplits: 1).last.map(String.init) ?? digest
        return String(hex.prefix(12))
    }

    /// Time order; records of the same second are ordered by file name, which the gate makes unique.
    public static func chronological(_ lhs: MeasurementRecord, _ rhs: MeasurementRecord) -> Bool {
        (lhs.recordedAt, lhs.source) < (rhs.recordedAt, rhs.source)
    }
}
