import ArchiveIO
import Crypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A layer written to a temporary file, with its real digests.
struct BuiltLayer: Sendable {
    /// Where the stored (possibly compressed) blob sits on disk until it is copied into the tarball.
    var blobPath: String
    /// `sha256:` of the uncompressed tar: the config's `diff_id`.
    var diffID: String
    /// Length of the uncompressed tar.
    var tarSize: Int64
    /// `sha256:` of the stored blob: the manifest descriptor's digest.
    var blobDigest: String
    var blobSize: Int64
    var compression: LayerBlobCompression
}

/// Running SHA-256 and byte count of a stream.
private final class StreamDigest {
    var hasher = SHA256()
    var count: Int64 = 0

    func update(_ buffer: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: buffer)
        count += Int64(buffer.count)
    }

    var digest: String { "sha256:" + hasher.finalize().hex }
}

/// Writes layer tars from specs in one streaming pass: tar writer → diff_id hash → (compressor)
/// → blob hash → temp file. Nothing is held in memory beyond libarchive's and our 1 MiB chunks.
enum LayerBlobWriter {
    /// mtime of every entry: fixed, so the same spec always gives the same digests.
    static let entryMTime = 1_704_067_200

    static func write(_ layer: LayerSpec, compression: LayerBlobCompression, to blobPath: String) throws -> BuiltLayer {
        guard let file = fopen(blobPath, "wb") else {
            throw FixtureError("cannot create temporary layer file '\(blobPath)' (errno \(errno))")
        }
        var fileOpen = true
        defer { if fileOpen { fclose(file) } }

        let tarDigest = StreamDigest()
        let blobDigest = StreamDigest()
        let storeBlob: (UnsafeRawBufferPointer) throws -> Void = { buffer in
            blobDigest.update(buffer)
            guard fwrite(buffer.baseAddress, 1, buffer.count, file) == buffer.count else {
                throw FixtureError("short write to '\(blobPath)' (errno \(errno))")
            }
        }
        let compressor: ArchiveWriter?
        switch compression {
        case .none: compressor = nil
        case .gzip: compressor = try ArchiveWriter.create(format: .raw, filter: .gzip, sink: storeBlob)
        case .zstd: compressor = try ArchiveWriter.create(format: .raw, filter: .zstd, sink: storeBlob)
        }
        try compressor?.beginRawStream()

        let tar = try ArchiveWriter.create(format: .pax, filter: .none) { buffer in
            tarDigest.update(buffer)
            if let compressor {
                try compressor.writeRaw(buffer)
            } else {
                try storeBlob(buffer)
            }
        }
        for entry in layer.entries {
            try writeEntry(entry, prefix: layer.pathPrefix, to: tar)
        }
        try tar.close()
        try compressor?.close()
        fileOpen = false
        guard fclose(file) == 0 else { throw FixtureError("cannot close '\(blobPath)' (errno \(errno))") }
        return BuiltLayer(
            blobPath: blobPath, diffID: tarDigest.digest, tarSize: tarDigest.count,
            blobDigest: blobDigest.digest, blobSize: blobDigest.count, compression: compression
        )
    }

    private static func writeEntry(_ entry: EntrySpec, prefix: String, to tar: ArchiveWriter) throws {
        let name = Array(prefix.utf8) + entry.tarNameBytes
        let nameString = String(decoding: name, as: UTF8.self)
        switch entry {
        case .file(let path, let size, let content):
            try tar.addFile(nameBytes: name, body: body(for: content, size: size, path: path), mtime: entryMTime)
        case .rawName(_, let size):
            try tar.addFile(nameBytes: name, body: .zeros(count: size), mtime: entryMTime)
        case .whiteout, .opaque:
            try tar.addFile(nameBytes: name, body: .empty, mtime: entryMTime)
        case .dir:
            try tar.addDirectory(nameString, mtime: entryMTime)
        case .symlink(_, let target):
            try tar.addSymlink(nameString, target: target, mtime: entryMTime)
        case .hardlink(_, let target):
            try tar.addHardlink(nameString, target: prefix + target, mtime: entryMTime)
        }
    }

    private static func body(for content: FileContent, size: Int64, path: String) throws -> ArchiveEntryBody {
        switch content {
        case .zeros:
            return .zeros(count: size)
        case .text(let text):
            return try exact(Array(text.utf8), size: size, path: path)
        case .bytes(let bytes):
            return try exact(bytes, size: size, path: path)
        case .pseudoRandom(let seed):
            return .generated(size: size) { chunk, offset in PseudoRandomBytes.fill(chunk, offset: offset, seed: seed) }
        }
    }

    private static func exact(_ bytes: [UInt8], size: Int64, path: String) throws -> ArchiveEntryBody {
        guard Int64(bytes.count) == size else {
            throw FixtureError("'\(path)': content is \(bytes.count) bytes but the spec says \(size)")
        }
        return .bytes(bytes)
    }
}

/// Deterministic, position-addressable pseudo-random bytes (splitmix64 of the 8-byte word index),
/// so any chunk can be produced without generating the ones before it.
public enum PseudoRandomBytes {
    /// Fills `buffer` with the bytes at `offset…` of the stream for `seed`.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer, offset: Int64, seed: UInt64) {
        for index in 0..<buffer.count {
            let position = UInt64(offset) &+ UInt64(index)
            let word = mix(seed &+ (position >> 3) &* 0x9E37_79B9_7F4A_7C15)
            buffer[index] = UInt8(truncatingIfNeeded: word >> ((position & 7) * 8))
        }
    }

    /// The first `count` bytes of the stream for `seed` (for tests that want to compare contents).
    public static func bytes(count: Int, seed: UInt64) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        result.withUnsafeMutableBytes { fill($0, offset: 0, seed: seed) }
        return result
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, as digests are written.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var result = [UInt8]()
        for byte in self {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// `sha256:<hex>` of bytes in memory (configs, manifests, indexes).
func sha256Digest(_ bytes: [UInt8]) -> String {
    "sha256:" + SHA256.hash(data: bytes).hex
}
