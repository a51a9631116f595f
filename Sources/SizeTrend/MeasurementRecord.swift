import ImageModel
import Charts
import SizeAccounting
import SizeGate

/// One stored measurement of one image, as the gate appends it to `Reports/history/NAME/`: the
/// gate's own `HistoryRecord`, with the figures the trend charts at hand. Verdicts, growth rules
/// and progress are the gate's types, never copies.
public struct MeasurementRecord: Sendable, Equatable {
    /// One size category's bytes (`ml-libraries`, `node-modules`, ...), the accountant's totals as
    /// the gate records them.
    public typealias Category = SizeLedger.CategoryTotal

    /// The record as the gate wrote it.
    public var record: HistoryRecord
    /// The record's file, relative to the history directory ("finance/2024...json"): it orders
    /// records with the same time and names the record in messages.
    public var source: String

    public init(_ record: HistoryRecord, source: String) {
        self.record = record
        self.source = source
    }

    /// The service (baseline) name.
    public var name: String { record.measurement.name }
    public var recordedAt: UTCTimestamp { record.measurement.recordedAt }
    public var imageDigest: String? { record.measurement.imageDigest }
    public var tags: [String] { record.measurement.tags }
    public var contentBytes: Int64 { record.measurement.contentBytes }
    public var compressedBytes: Int64? { record.measurement.compressedBytes }
    public var categories: [Category] { record.measurement.categories }
    public var verdict: Verdict { record.verdict }
    /// The limits, target and growth rules of the baseline that applied.
    public var rules: GateRules { record.rules }

    /// Progress towards the target with the start the gate used for this build. Records written
    /// before plimsoll stored it get the gate's rule with nothing recorded: 0% of the way.
    public var progress: TargetProgress? {
        record.progress
            ?? TargetProgress(
                targetBytes: record.targetBytes, targetStartBytes: nil, recordedBytes: nil,
                measuredBytes: record.measurement.gatedBytes)
    }

    /// The digest as reports print it.
    public var shortDigest: String? { imageDigest.map { ImageDigest.short($0) } }

    /// Time order; records of the same second are ordered by file name, which the gate makes unique.
    public static func chronological(_ lhs: MeasurementRecord, _ rhs: MeasurementRecord) -> Bool {
        (lhs.recordedAt, lhs.source) < (rhs.recordedAt, rhs.source)
    }
}
