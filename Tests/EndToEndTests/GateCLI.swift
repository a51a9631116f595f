import Foundation
import PlimsollTestSupport
import Testing

/// Runs the built `plimsoll` binary (through `CommandRunner`) and writes the fixtures the gate tests check.
enum GateCLI {
    typealias Output = CommandRunner.Output

    /// Runs `plimsoll arguments` in `directory` with a fixed clock (`SOURCE_DATE_EPOCH`) and no CI
    /// markers unless `environment` adds them.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Output {
        var variables = ["SOURCE_DATE_EPOCH": "1700000000"]
        for (key, value) in environment { variables[key] = value }
        return try CommandRunner.run(arguments, directory: directory, environment: variables)
    }

    /// A fresh directory for one test.
    static func workspace() throws -> String { try TemporaryDirectory.make("plimsoll-gate") }

    /// An image tagged `registry.example.com/team/NAME:TAG` with the given layers' file sizes.
    static func image(_ name: String, tag: String = "1.0", layers: [[(String, Int64)]], at path: String) throws -> ImageSpec {
        let spec = ImageSpec(
            tags: ["registry.example.com/team/\(name):\(tag)"],
            layers: layers.enumerated().map { index, files in
                LayerSpec(files.map { EntrySpec.file($0.0, size: $0.1) }, createdBy: "RUN step \(index)")
            })
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(), to: path)
        return spec
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Removes a test's workspace.
    static func remove(_ path: String) { TemporaryDirectory.remove(path) }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
