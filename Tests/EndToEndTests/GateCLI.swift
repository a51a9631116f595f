import Foundation
import PlimsollTestSupport
import Testing

/// Runs the built `plimsoll` binary and writes the fixtures the gate tests check.
enum GateCLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built executable: beside the test bundle (SwiftPM puts both in `.build/<config>/`),
    /// else the package's `.build/debug/plimsoll`.
    static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        let beside = directory.appendingPathComponent("plimsoll").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/plimsoll").path
    }()

    /// Runs `plimsoll arguments` in `directory` with a clean environment plus `environment`.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var variables = ["PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1700000000"]
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh directory for one test.
    static func workspace() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plimsoll-gate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

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
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
