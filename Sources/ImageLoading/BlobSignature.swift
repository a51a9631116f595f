/// What a blob's first bytes say it is, by the signatures the formats define: `ustar` at offset 257
/// for tar (POSIX and GNU), and the magic numbers of the compressors libarchive reads. A JSON document
/// has no signature; it is one only if it parses (`JSONOutline`).
enum BlobSignature: Equatable {
    case tar, gzip, zstd, bzip2, xz, unknown

    init(_ prefix: UnsafeRawBufferPointer) {
        func starts(_ magic: [UInt8]) -> Bool {
            prefix.count >= magic.count && zip(prefix, magic).allSatisfy { $0 == $1 }
        }
        if starts([0x1F, 0x8B]) {
            self = .gzip
        } else if starts([0x28, 0xB5, 0x2F, 0xFD]) {
            self = .zstd
        } else if starts([0x42, 0x5A, 0x68]) {
            self = .bzip2
        } else if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) {
            self = .xz
        } else if prefix.count >= 262, Array(prefix[257..<262]) == Array("ustar".utf8) {
            self = .tar
        } else {
            self = .unknown
        }
    }

    /// True for the signatures of archives and compressed streams (which hold layer tars here).
    var isArchive: Bool { self != .unknown }
}
