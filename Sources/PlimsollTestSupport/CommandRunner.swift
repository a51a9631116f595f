import Foundation

/// Runs the built `plimsoll` executable, as a user would, and captures what it prints.
/// End-to-end tests assert on stdout, stderr and the exit status through this.
public enum CommandRunner {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// What standard input the command gets.
    public enum Input: Sendable {
        case none
        /// A regular file opened as standard input (`plimsoll inspect - < file`).
        case file(String)
        /// Bytes written through a pipe (`cat file | plimsoll inspect -`).
        case pipe(String)
    }

    /// The directory `swift build` put the products in (where the test bundle itself lives).
    public static var productsDirectory: URL {
        let bundle = Bundle.main.bundleURL
        if FileManager.default.fileExists(atPath: bundle.appendingPathComponent("plimsoll").path) { return bundle }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: executable.appendingPathComponent("plimsoll").path) { return executable }
        return bundle.deletingLastPathComponent()
    }

    public static var executable: String { productsDirectory.appendingPathComponent("plimsoll").path }

    /// Runs `plimsoll arguments...` (or another built product, `executable`) in `directory` with
    /// `environment` added to a clean one.
    public static func run(
        _ arguments: [String], input: Input = .none, directory: String? = nil, environment: [String: String] = [:],
        executable: String = CommandRunner.executable
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // A predictable environment: no CI markers leak in from the machine running the tests.
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"]
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        var feeder: Thread?
        switch input {
        case .none:
            process.standardInput = FileHandle.nullDevice
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
            process.standardInput = handle
        case .pipe(let path):
            let pipe = Pipe()
            process.standardInput = pipe
            let writer = pipe.fileHandleForWriting
            feeder = Thread {
                if let handle = FileHandle(forReadingAtPath: path) {
                    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                        do { try writer.write(contentsOf: chunk) } catch { break }
                    }
                }
                try? writer.close()
            }
        }
        try process.run()
        feeder?.start()
        // Read both pipes concurrently so a full stderr pipe cannot block the child.
        let errorBox = DataBox()
        let errorReader = Thread { errorBox.data = errors.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorBox.done { usleep(1_000) }
        return Output(
            status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
            stderr: String(decoding: errorBox.data, as: UTF8.self))
    }
}

private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = Data()
    private var finished = false
    var data: Data {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue; finished = true } }
    }
    var done: Bool { lock.withLock { finished } }
}
