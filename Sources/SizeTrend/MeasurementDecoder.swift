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
