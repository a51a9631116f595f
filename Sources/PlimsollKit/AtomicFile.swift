import Foundation
import SystemPackage

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
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                FilePath(temporary), .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec], permissions: [.ownerReadWrite, .groupRead, .otherRead])
            _ = try descriptor.writeAll(bytes)
        } catch {
            unlink(temporary)
            throw Failure(path: path, message: "\(error)")
        }
        // The descriptor is closed whether or not fsync succeeded, and the first failure is reported.
        let synced = fsync(descriptor.rawValue) == 0
        let syncError = errno
        var closeError: Error?
        do { try descriptor.close() } catch { closeError = error }
        if !synced || closeError != nil {
            let message = synced ? closeError.map { "\($0)" } ?? "close failed" : String(cString: strerror(syncError))
            unlink(temporary)
            throw Failure(path: path, message: message)
        }
        return temporary
    }

    /// Appends `text` to `path` (creating it), as GitHub's step summary file expects.
    public static func append(_ text: String, to path: String) throws(Failure) {
        do {
            let descriptor = try FileDescriptor.open(
                FilePath(path), .writeOnly, options: [.create, .append, .closeOnExec], permissions: [.ownerReadWrite, .groupRead, .otherRead])
            try descriptor.closeAfter { _ = try descriptor.writeAll(Array(text.utf8)) }
        } catch {
            throw Failure(path: path, message: "\(error)")
        }
    }
}
