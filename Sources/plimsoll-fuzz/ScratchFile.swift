import Foundation
import SystemPackage

/// One temporary file per process, rewritten for every input: the seekable reader needs a regular
/// file, and creating one per run would cost more than the run.
final class ScratchFile: @unchecked Sendable {
    static let shared = ScratchFile()

    let path = NSTemporaryDirectory() + "plimsoll-fuzz-\(getpid()).tar"
    private let descriptor: Int32

    private init() {
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        atexit { unlink(ScratchFile.shared.path) }
    }

    /// Replaces the file's contents with `bytes`; nil when the file cannot be written.
    func write(_ bytes: [UInt8]) -> String? {
        guard descriptor >= 0, ftruncate(descriptor, 0) == 0 else { return nil }
        let written = try? FileDescriptor(rawValue: descriptor).writeAll(toAbsoluteOffset: 0, bytes)
        return written == bytes.count ? path : nil
    }
}
