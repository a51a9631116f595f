import Foundation

/// A server process the tests start on 127.0.0.1 and stop when the value goes away.
final class LoopbackServer: @unchecked Sendable {
    let process: Process
    let port: Int
    let log: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `executable arguments` and waits until `port` accepts connections.
    init(executable: String, arguments: [String], port: Int, log: String, environment: [String: String]? = nil) throws {
        self.port = port
        self.log = log
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        if let environment { process.environment = environment }
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try Self.waitForPort(port, process: process, log: log)
    }

    /// Starts a Python script that picks its own port and writes it to `--port-file`.
    init(script: String, arguments: [String], directory: String) throws {
        let portFile = directory + "/port-" + UUID().uuidString
        log = directory + "/server-" + UUID().uuidString + ".log"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments + ["--port-file", portFile]
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var found: Int?
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let value = Int(text) {
                found = value
                break
            }
            if !process.isRunning { break }
            usleep(25_000)
        }
        guard let found else {
            Self.stop(process)
            throw Failure(description: "\(script) did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        }
        port = found
        try Self.waitForPort(found, process: process, log: log)
    }

    deinit { Self.stop(process) }

    /// SIGKILL by process id: a child started from a test thread may inherit a mask that blocks
    /// SIGTERM (Python then never exits).
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A port nobody listens on right now (the kernel's choice for a socket bound to port 0).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Bool in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func waitForPort(_ port: Int, process: Process, log: String) throws {
        for _ in 0..<400 {
            if accepts(port) { return }
            if !process.isRunning { break }
            usleep(25_000)
        }
        stop(process)
        throw Failure(description: "server on port \(port) did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
    }
}

/// Runs a tool to completion; throws with its output when it fails.
@discardableResult
func runTool(_ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String]? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    if let environment { process.environment = environment }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    let stdin = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
        throw LoopbackServer.Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed: \(text)")
    }
    return text
}
