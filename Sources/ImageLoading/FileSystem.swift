import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// The few POSIX file operations the loader needs for OCI layout directories.
struct FileSystem {
    struct Failure: Error, CustomStringConvertible {
        var description: String

        init(description: String) { self.description = description }

        /// `Errno` describes itself with strerror's text ("No such file or directory").
        init(_ error: Error) { description = "\(error)" }
    }

    func regularFileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a directory, sorted; empty when it cannot be read.
    func list(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    func read(_ path: String) throws(Failure) -> [UInt8] {
        do {
            let descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: .closeOnExec)
            return try descriptor.closeAfter {
                var bytes: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let got = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
                    if got == 0 { return bytes }
                    bytes.append(contentsOf: chunk[0..<got])
                }
            }
        } catch {
            throw Failure(error)
        }
    }

    /// Reads `length` bytes at `offset` of an open file; fewer only at its end (then it is an error:
    /// the catalog said the bytes are there).
    func read(descriptor: Int32, offset: Int64, length: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let got: Int
            do {
                got = try bytes.withUnsafeMutableBytes {
                    try FileDescriptor(rawValue: descriptor).read(
                        fromAbsoluteOffset: offset + Int64(done), into: UnsafeMutableRawBufferPointer(rebasing: $0[done...]))
                }
            } catch {
                throw Failure(error)
            }
            if got == 0 { throw Failure(description: "the file ends \(length - done) bytes early") }
            done += got
        }
        return bytes
    }
}
