import Foundation
import StableJSON

/// Runs the independent python oracle (`Tests/Scripts/image_facts.py`) and returns its JSON.
/// Expected values in these tests come from it, never from the code under test.
enum Oracle {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/testdata/real` beside the repository (CI lays shared/ beside its clone).
    static let realTarballs = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata/real")

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The oracle's JSON for `tarball`, or its one-line error and exit status.
    static func facts(_ tarball: String, arguments: [String] = []) throws -> (status: Int32, json: JSONValue?, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot.appendingPathComponent("Tests/Scripts/image_facts.py").path, tarball] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errorData, as: UTF8.self)
        guard process.terminationStatus == 0 else { return (process.terminationStatus, nil, stderr) }
        do {
            return (0, try JSONParser.parse(Array(data)), stderr)
        } catch {
            throw Failure(description: "oracle output is not JSON: \(error)")
        }
    }
}
