import ArchiveIO
import Crypto
import ImageModel

/// What a layer scan notes of each regular file of at least `DigestPolicy.minBytes`, so that the
/// loader can later find identical copies (`ContentDigester`) without reading every large file.
///
/// What it costs decides what is noted, by how the layer's bytes are met:
/// - an uncompressed layer of a seekable input: nothing is read now, only where the file's data
///   starts; the few files whose size another final file shares are read again by range later;
/// - a compressed layer of a seekable input: the data is inflated anyway, so it is checksummed as
///   it passes with CRC-64 (ISA-L, ~9 GB/s); only files whose size and CRC another final file
///   shares are read again (the layer re-inflated up to them) for their SHA-256;
/// - a stream (standard input, an engine, a registry): nothing can be read again and a file's
///   twin may come later, so every such file gets its SHA-256 as it passes.
enum LargeFileIdentity: Sendable, Equatable {
    /// Uncompressed layer: the file's data is the `size` bytes at this offset of the layer tar.
    case dataAt(offset: Int64)
    /// Compressed layer: CRC-64 of the data, and the header's position in the layer (0 first).
    case checksum(UInt64, entry: Int)
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

    /// The identity of the current entry of `reader`, a regular file of `size` bytes whose data
    /// starts at `dataOffset` of the layer tar; `captured` is its data when the capture policy
    /// already read it. Reads the entry's data unless it can be read again by range.
    func identify(
        _ reader: ArchiveReader, size: Int64, dataOffset: Int64, entry: Int, captured: [UInt8]?
    ) throws -> LargeFileIdentity {
        if seekable && !reader.isCompressed { return .dataAt(offset: dataOffset) }
        if seekable {
            var checksum = Checksum64()
            try Self.feed(reader, captured: captured) { checksum.update($0) }
            return .checksum(checksum.value, entry: entry)
        }
        var hasher = SHA256()
        try Self.feed(reader, captured: captured) { hasher.update(bufferPointer: $0) }
        return .digest(ImageDigest.sha256(hasher.finalize()))
    }

    private static func feed(_ reader: ArchiveReader, captured: [UInt8]?, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        if let captured {
            captured.withUnsafeBytes(body)
            return
        }
        while let block = try reader.readBlock() { body(block) }
    }
}
