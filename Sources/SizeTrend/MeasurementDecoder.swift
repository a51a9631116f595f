import Charts
import SizeGate

/// A history record that cannot be read: the file and what is wrong with it, on one line.
public struct HistoryRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The record's path relative to the history directory.
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

/// Reads one history record with the gate's own decoder (`SizeGate.HistoryRecord`), so that the
/// trend accepts exactly what `plimsoll check` writes, and keeps what the trend uses.
public enum MeasurementDecoder {
    public static func decode(_ bytes: [UInt8], file: String) throws(HistoryRecordError) -> MeasurementRecord {
        let record: HistoryRecord
        do {
            record = try HistoryRecord.decode(bytes, file: file)
        } catch {
            throw HistoryRecordError(file: file, message: error.keyPath.isEmpty ? error.message : "\(error.keyPath): \(error.message)")
        }
        return MeasurementRecord(record, source: file)
    }
}

extension MeasurementRecord {
    /// The trend's view of a gate history record.
    public init(_ record: HistoryRecord, source: String) {
        let measurement = record.measurement
        self.init(
            name: measurement.name, recordedAt: UTCTimestamp(seconds: measurement.recordedAt.secondsSince1970),
            imageDigest: measurement.imageDigest, tags: measurement.tags, contentBytes: measurement.contentBytes,
            finalBytes: measurement.finalBytes, wastedBytes: measurement.wastedBytes, compressedBytes: measurement.compressedBytes,
            limits: Limits(warnBytes: record.warnBytes, failBytes: record.failBytes, targetBytes: record.targetBytes),
            growth: GrowthRules(
                floorBytes: record.growthFloorBytes, warnBytes: record.growthWarnBytes, warnPercent: record.growthWarnPercent,
                failBytes: record.growthFailBytes, failPercent: record.growthFailPercent),
            verdict: Verdict(rawValue: record.verdict.rawValue),
            categories: measurement.categories, source: source)
    }
}
