import Foundation

/// Writes files so that readers see the old contents or the new, never a half-written file: the
/// bytes go to a temporary file in the same directory, which is then renamed over the target
/// (`write`) or linked to a name that must not exist yet (`create`).
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var message: String
        public var description: String { "\(path): cannot write: \(message)" }
    }

    public static func write(_ text: String, to path: String) throws(Failure) {
        try write(Array(text.utf8), to: path)
    }

    /// Replaces `path` atomically (temp file + rename).
    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let temporary = try writeTemporary(bytes, for: path)
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, message: message)
        }
    }

    /// Creates `path` atomically and only if it does not exist yet; returns false (writing
    /// nothing) when it does. `link(2)` fails rather than replaces, so two writers racing for one
    /// name can never overwrite each other.
    public static func create(_ text: String, at path: String) throws(Failure) -> Bool {
        let temporary = try writeTemporary(Array(text.utf8), for: path)
        defer { unlink(temporary) }
        if link(temporary, path) == 0 { return true }
        if errno == EEXIST { return false }
        throw Failure(path: path, message: String(cString: strerror(errno)))
    }

    /// Writes `bytes` to a new temporary file beside `path` and syncs it.
    private static func writeTemporary(_ bytes: [UInt8], for path: String) throws(Failure) -> String {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: path, message: "cannot create directory \(directory): \(error.localizedDescription)")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, message: String(cString: strerror(errno))) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw Failure(path: path, message: message)
            }
            written += result
        }
        // The descriptor is closed whether or not fsync succeeded, and the first failure is reported.
        let synced = fsync(descriptor) == 0
        let syncError = errno
        let closed = close(descriptor) == 0
        if !synced || !closed {
            let message = String(cString: strerror(synced ? errno : syncError))
            unlink(temporary)
            throw Failure(path: path, message: message)
        }
        return temporary
    }

    /// Appends `text` to `path` (creating it), as GitHub's step summary file expects.
    public static func append(_ text: String, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, message: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, message: String(cString: strerror(errno)))
            }
            written += result
        }
    }
}
