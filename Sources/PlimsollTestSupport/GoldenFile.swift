import Foundation

/// Golden files: every output format pinned as a file in the repository, so that a change to a
/// report shows as a reviewed diff. `RECORD_GOLDEN=1 swift test --filter Golden` rewrites them
/// all; a test that records fails, so that a recording is never mistaken for a pass.
public enum GoldenFile {
    /// Whether this run records instead of comparing.
    public static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    public enum Outcome: Equatable, Sendable {
        case matches
        /// Recorded anew (the test must fail: review the diff, then run again without RECORD_GOLDEN).
        case recorded(String)
        /// Differs: where, with the first differing line of each.
        case differs(String)
        /// No golden file yet.
        case missing(String)
    }

    /// Compares `actual` with `directory/name`, or records it when `recording`.
    public static func check(_ actual: String, name: String, directory: String) -> Outcome {
        let path = directory + "/" + name
        if recording {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            do {
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                return .differs("\(name): cannot record: \(error)")
            }
            return .recorded("\(name): recorded; review `git diff` and run again without RECORD_GOLDEN")
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return .missing("\(name): no golden file; run RECORD_GOLDEN=1 swift test --filter Golden")
        }
        if expected == actual { return .matches }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
        let was = line < old.count ? String(old[line]) : "(end of file)"
        let now = line < new.count ? String(new[line]) : "(end of file)"
        return .differs("\(name): line \(line + 1) differs:\n  golden: \(was)\n  actual: \(now)\n(RECORD_GOLDEN=1 swift test --filter Golden rewrites the golden files)")
    }
}
