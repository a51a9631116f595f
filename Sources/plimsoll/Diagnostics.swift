import Foundation

/// Messages for people on standard error, one line each, prefixed with the tool's name.
enum Diagnostics {
    static func error(_ message: String) { write("plimsoll: error: \(message)") }
    static func warning(_ message: String) { write("plimsoll: warning: \(message)") }

    private static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
