import ArchiveIO
import Foundation

/// One entry of the outer tarball (or one file of an OCI directory).
enum FixtureItem {
    case directory(String)
    case bytes(String, [UInt8])
    /// A blob streamed from a temporary file.
    case blobFile(String, path: String)
    case symlink(String, target: String)

    var name: String {
        switch self {
        case .directory(let name), .bytes(let name, _), .blobFile(let name, _), .symlink(let name, _): return name
        }
    }
}

/// Where the planned items go: an outer tar, or a directory.
protocol FixtureOutput {
    func write(_ item: FixtureItem) throws
    func finish() throws
}

/// Writes items as entries of an outer tar through `ArchiveWriter`.
struct TarFixtureOutput: FixtureOutput {
    /// Outer entries get the same fixed mtime as layer entries, so outer tarballs are reproducible.
    private static let mtime = LayerBlobWriter.entryMTime
    let writer: ArchiveWriter

    init(path: String, compression: OuterCompression) throws {
        let filter: ArchiveWriter.Filter
        switch compression {
        case .none: filter = .none
        case .gzip: filter = .gzip
        case .zstd: filter = .zstd
        }
        writer = try ArchiveWriter.create(path: path, format: .pax, filter: filter)
    }

    func write(_ item: FixtureItem) throws {
        switch item {
        case .directory(let name): try writer.addDirectory(name, mtime: Self.mtime)
        case .bytes(let name, let bytes): try writer.addFile(name, body: .bytes(bytes), mtime: Self.mtime)
        case .blobFile(let name, let path): try writer.addFile(name, body: .file(path: path), mtime: Self.mtime)
        case .symlink(let name, let target): try writer.addSymlink(name, target: target, mtime: Self.mtime)
        }
    }

    func finish() throws {
        try writer.close()
    }
}

/// Writes items below a directory (an OCI layout directory, as `skopeo copy oci:` makes).
struct DirectoryFixtureOutput: FixtureOutput {
    let root: URL

    init(path: String) throws {
        root = URL(fileURLWithPath: path, isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func write(_ item: FixtureItem) throws {
        let url = root.appendingPathComponent(item.name)
        let manager = FileManager.default
        if case .directory = item {
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
            return
        }
        try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if manager.fileExists(atPath: url.path) { try manager.removeItem(at: url) }
        switch item {
        case .directory: break
        case .bytes(_, let bytes): try Data(bytes).write(to: url)
        case .blobFile(_, let path): try manager.copyItem(atPath: path, toPath: url.path)
        case .symlink(_, let target): try manager.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        }
    }

    func finish() throws {}
}

/// Runs `body` with a fresh temporary directory that is removed afterwards, even on error.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("plimsoll-fixture-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}
