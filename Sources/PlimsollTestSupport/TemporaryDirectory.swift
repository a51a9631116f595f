import Foundation

/// A fresh directory under the system's temporary directory for one test, and its removal: the
/// one helper every test suite uses, so that no test writes into the checkout or another's files.
public enum TemporaryDirectory {
    /// Creates `<tmp>/<prefix>-<UUID>` and returns its path.
    public static func make(_ prefix: String = "plimsoll") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The same, as a file URL.
    public static func url(_ prefix: String = "plimsoll") throws -> URL { URL(fileURLWithPath: try make(prefix)) }

    /// Removes a test's directory and everything in it.
    public static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
}
