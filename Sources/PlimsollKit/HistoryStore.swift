import Foundation
import SizeGate

/// The measurement history under `Reports/history/<NAME>/`: one file per measurement, each
/// created atomically under a name no other writer can take, never appended to. Two checks
/// running at once therefore cannot lose or corrupt each other's records.
public struct HistoryStore: Sendable {
    /// `Reports/history` as the user gave it.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `history/NAME`.
    public func directory(for name: String) -> String { DisplayPath.join(directory, name) }

    /// Writes `record`; returns the file's path. Retries with new random suffixes if a name is
    /// taken (by another check in the same second for the same image).
    @discardableResult
    public func add(_ record: HistoryRecord, environment: Environment) throws(AtomicFile.Failure) -> String {
        let folder = directory(for: record.measurement.name)
        let text = record.text
        for _ in 0..<16 {
            let path = DisplayPath.join(folder, record.fileName(randomHex: environment.randomHex(6)))
            if try AtomicFile.create(text, at: path) { return path }
        }
        throw AtomicFile.Failure(path: folder, message: "no free history file name after 16 tries")
    }

    /// Every record of `name`, oldest first (file names sort by time), with the file each came
    /// from. A file that cannot be read or decoded is returned as an error in its place.
    public func records(name: String) -> [(file: String, record: Result<HistoryRecord, DocumentError>)] {
        let folder = directory(for: name)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { file in
            let path = DisplayPath.join(folder, file)
            return (
                path,
                Result { () throws(DocumentError) -> HistoryRecord in
                    guard let bytes = try FileBytes.read(path) else {
                        throw DocumentError(file: path, problem: .unreadable("vanished while reading"))
                    }
                    return try HistoryRecord.decode(bytes, file: path)
                }
            )
        }
    }
}
