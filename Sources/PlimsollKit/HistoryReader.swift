import Foundation
import SizeTrend

/// Reads the gate's measurement history: `DIR/NAME/*.json`, one record per file.
///
/// A record that cannot be read is skipped and reported, not fatal: the history grows for months,
/// and one torn or hand-edited file must not hide every other service's trend. The skipped files
/// are listed in the report and on standard error, so nothing is dropped silently.
public enum HistoryReader {
    /// The directory itself cannot be listed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Every readable record under `directory`, in no particular order, and the records skipped.
    /// Hidden files (an atomic writer's temporary files) and files not ending in `.json` are ignored.
    public static func read(directory: String) throws(Failure) -> (measurements: [MeasurementRecord], skipped: [HistoryRecordError]) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(path: directory, message: "no such history directory")
        }
        let services: [String]
        do {
            services = try manager.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw Failure(path: directory, message: "cannot list: \(error.localizedDescription)")
        }
        var measurements: [MeasurementRecord] = []
        var skipped: [HistoryRecordError] = []
        for service in services where !service.hasPrefix(".") {
            let serviceDirectory = directory + "/" + service
            guard manager.fileExists(atPath: serviceDirectory, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let files: [String]
            do {
                files = try manager.contentsOfDirectory(atPath: serviceDirectory).sorted()
            } catch {
                skipped.append(HistoryRecordError(file: service + "/", message: "cannot list: \(error.localizedDescription)"))
                continue
            }
            for file in files where file.hasSuffix(".json") && !file.hasPrefix(".") {
                let relative = service + "/" + file
                guard let data = manager.contents(atPath: serviceDirectory + "/" + file) else {
                    skipped.append(HistoryRecordError(file: relative, message: "cannot be read"))
                    continue
                }
                do {
                    measurements.append(try MeasurementDecoder.decode([UInt8](data), file: relative))
                } catch {
                    skipped.append(error)
                }
            }
        }
        return (measurements, skipped)
    }
}
