import ArchiveIO
import Crypto

/// What a layer scan notes of each regular file of at least `DigestPolicy.minBytes`, so that the
/// loader can later find identical copies (`ContentDigester`) without reading every large file.
///
/// What it costs decides what is noted, by how the layer's bytes are met:
/// - an uncompressed layer of a seekable input: nothing is read now, only where the file's data
///   starts; the few files whose size another final file shares are read again by range later;
/// - a compressed layer, or a stream (standard input, an engine, a registry): the bytes pass
///   through memory anyway, and reading them again would mean inflating the layer again up to the
///   file (about 0.5 GB/s, slower than hashing at about 1.2 GB/s), or is impossible (a stream, in
///   which a file's twin may come later). So every such file gets its SHA-256 as it passes.
enum LargeFileIdentity: Sendable, Equatable {
    /// Uncompressed layer: the file's data is the `size` bytes at this offset of the layer tar.
    case dataAt(offset: Int64)
    /// Full SHA-256, as "sha256:<hex>".
    case digest(String)
}

struct LargeFile: Sendable, Equatable {
    var size: Int64
    var identity: LargeFileIdentity
}

/// Which files a layer scan identifies, and how its bytes can be met again.
struct DigestPolicy: Sendable {
    var minBytes: Int64
    /// True when the layer's blob can be read again by range (a file or an OCI layout).
    var seekable: Bool

    /// The identity of the current entry of `reader`, a regular file whose data starts at
    /// `dataOffset` of the layer tar; `captured` is its data when the capture policy already read
    /// it. Reads and hashes the entry's data unless it can be read again by range.
    func identify(_ reader: ArchiveReader, dataOffset: Int64, captured: [UInt8]?) throws -> LargeFileIdentity {
        if seekable && !reader.isCompressed { return .dataAt(offset: dataOffset) }
        var hasher = SHA256()
        if let captured {
            captured.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        } else {
            while let block = try reader.readBlock() { hasher.update(bufferPointer: block) }
        }
        return .digest(Self.text(hasher.finalize()))
    }

    static func text(_ digest: SHA256.Digest) -> String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = Array("sha256:".utf8)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
