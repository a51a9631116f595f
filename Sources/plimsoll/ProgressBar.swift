import Dispatch
import Foundation
import SystemPackage
import ImageLoading
import Reporting

/// The reading progress on standard error, redrawn in place on one line:
/// `big.tar  ███████░░░░░░░░░  41%  2.71 GB of 6.65 GB  1.9 GB/s  layer 3 (2/8 done)`.
/// Only for people: `make` returns nil unless standard error is a terminal, `CI` is unset and
/// `--quiet` was not given. Plain text and a carriage return, no colours.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let bytes = ByteFormatter()
    /// When each input being read started, and its latest state: `check` reads several at once.
    private var started: [String: UInt64] = [:]
    private var latest: [String: LoadProgress] = [:]
    private var shownWidth = 0

    /// A bar when one should be shown, else nil.
    static func make(quiet: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgressBar? {
        guard !quiet, isatty(STDERR_FILENO) != 0 else { return nil }
        if let ci = environment["CI"], !ci.isEmpty, ci != "0", ci.lowercased() != "false" { return nil }
        if environment["TERM"] == "dumb" { return nil }
        return ProgressBar()
    }

    /// The callback for `LoadOptions.progress`.
    var callback: @Sendable (LoadProgress) -> Void {
        { [self] progress in self.update(progress) }
    }

    func update(_ progress: LoadProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        if started[progress.input] == nil { started[progress.input] = now }
        if progress.finished {
            started[progress.input] = nil
            latest[progress.input] = nil
            // Another input still being read takes the line; else the line is cleared.
            guard let (input, other) = latest.min(by: { $0.key < $1.key }), let start = started[input] else {
                clearLocked()
                return
            }
            draw(line(other, elapsedSeconds: Double(now - start) / 1e9))
            return
        }
        latest[progress.input] = progress
        draw(line(progress, elapsedSeconds: Double(now - (started[progress.input] ?? now)) / 1e9))
    }

    /// Removes the bar, if shown (before anything else is printed).
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        clearLocked()
    }

    /// The text of one state of the bar; the most useful parts first, since a narrow terminal
    /// cuts the end: "big.tar  ███████░░░░░░░░░  41%  2.71 GB of 6.65 GB  1.9 GB/s  layer 3 (2/8 done)".
    func line(_ progress: LoadProgress, elapsedSeconds: Double) -> String {
        var parts = [progress.input == "-" ? "standard input" : (progress.input as NSString).lastPathComponent]
        if let total = progress.totalBytes, total > 0 {
            let share = min(Double(progress.bytesRead) / Double(total), 1)
            let filled = Int((share * 16).rounded(.down))
            parts.append(String(repeating: "█", count: filled) + String(repeating: "░", count: 16 - filled))
            parts.append("\(Int((share * 100).rounded(.down)))%")
            parts.append("\(bytes.string(progress.bytesRead)) of \(bytes.string(total))")
        } else {
            parts.append(bytes.string(progress.bytesRead) + " read")
        }
        if elapsedSeconds >= 0.5 {
            parts.append("\(bytes.string(Int64(Double(progress.bytesRead) / elapsedSeconds)))/s")
        }
        if let layer = progress.layer {
            parts.append(layer + (progress.layersTotal.map { " (\(progress.layersDone)/\($0) done)" } ?? ""))
        }
        return parts.joined(separator: "  ")
    }

    private func draw(_ text: String) {
        let width = Self.terminalWidth() - 1
        let shown = String(text.prefix(max(width, 10)))
        let count = shown.count
        let padding = String(repeating: " ", count: max(shownWidth - count, 0))
        Self.write("\r" + shown + padding)
        shownWidth = count
    }

    private func clearLocked() {
        guard shownWidth > 0 else { return }
        Self.write("\r" + String(repeating: " ", count: shownWidth) + "\r")
        shownWidth = 0
    }

    private static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    private static func write(_ text: String) {
        // A progress line that cannot be written is not worth failing for.
        _ = try? FileDescriptor.standardError.writeAll(Array(text.utf8))
    }
}
