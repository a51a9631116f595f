import Foundation
import Testing

/// Runs the independent Python helpers in Tests/Scripts and manages scratch directories.
enum Scripts {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts")

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable` with `arguments`; returns standard output, or throws with standard error.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], stdin: URL? = nil, stdout: URL? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let output = Pipe()
        let errors = Pipe()
        if let stdout {
            guard FileManager.default.createFile(atPath: stdout.path, contents: nil) else {
                throw Failure(description: "cannot create \(stdout.path)")
            }
            process.standardOutput = try FileHandle(forWritingTo: stdout)
        } else {
            process.standardOutput = output
        }
        process.standardError = errors
        if let stdin { process.standardInput = try FileHandle(forReadingFrom: stdin) }
        try process.run()
        let data = stdout == nil ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self))")
        }
        return data
    }

    @discardableResult
    static func python(_ script: String, _ arguments: [String]) throws -> Data {
        try run("python3", [directory.appendingPathComponent(script).path] + arguments)
    }

    /// `gzip_sizes.py`: the zlib gzip size of every uncompressed layer blob, by blob path.
    static func referenceSizes(_ image: URL, level: Int = 6) throws -> [String: Int64] {
        let data = try python("gzip_sizes.py", [image.path, "--level", String(level)])
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return object.compactMapValues { ($0 as? NSNumber)?.int64Value }
    }

    /// A fresh directory, removed by the caller with `FileManager.removeItem`.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("wiresize-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Realistic mixed images written by `mixed_image.py` (seeded, so the same bytes every time) and
/// kept in one cache directory under the temporary directory, so that repeated test runs reuse
/// them instead of filling the disk. Shared by the tests that only read them.
actor MixedImages {
    static let shared = MixedImages()
    /// Bump when mixed_image.py changes what it writes.
    private static let version = 1
    private var made: [String: URL] = [:]

    static var cache: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-wiresize-tests", isDirectory: true)
    }

    /// The image for `scale` (and whether its layers are gzip'd).
    func image(scale: Double, gzipLayers: Bool = false) throws -> URL {
        let key = "v\(Self.version)-\(scale)-\(gzipLayers ? "gz" : "raw")"
        if let url = made[key] { return url }
        let directory = Self.cache
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("mixed-\(key).tar")
        if !FileManager.default.fileExists(atPath: url.path) {
            // Written under a unique name and renamed, so a reader never sees half an image.
            let partial = directory.appendingPathComponent("partial-\(UUID().uuidString).tar")
            var arguments = [partial.path, "--scale", String(scale)]
            if gzipLayers { arguments.append("--gzip-layers") }
            try Scripts.python("mixed_image.py", arguments)
            if rename(partial.path, url.path) != 0 {
                try? FileManager.default.removeItem(at: partial)
            }
        }
        made[key] = url
        return url
    }
}
