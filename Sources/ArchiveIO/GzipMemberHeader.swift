/// Reads the header of one gzip member (RFC 1952) the way libarchive's gzip filter does, so that
/// `GzipInflatingSource` accepts and rejects exactly the streams libarchive did: the method must be
/// deflate (8), no reserved flag may be set, the optional extra field, name, comment and header CRC
/// are skipped (the CRC is not checked, as libarchive does not check it).
enum GzipMemberHeader {
    enum Scan: Equatable {
        /// A member starts here; its deflate data begins `length` bytes in.
        case member(length: Int)
        /// Not enough bytes to decide: at least this many are needed.
        case needMore(Int)
        /// Not a gzip member: the stream ends here (trailing bytes are ignored, as libarchive does).
        case notGzip
    }

    private static let extraFlag: UInt8 = 4
    private static let nameFlag: UInt8 = 8
    private static let commentFlag: UInt8 = 16
    private static let headerCRCFlag: UInt8 = 2

    static func scan(_ bytes: UnsafeRawBufferPointer) -> Scan {
        let magic: [UInt8] = [0x1F, 0x8B, 0x08]
        for index in 0..<min(bytes.count, 3) where bytes[index] != magic[index] { return .notGzip }
        if bytes.count >= 4, bytes[3] & 0xE0 != 0 { return .notGzip }
        guard bytes.count >= 10 else { return .needMore(10) }
        let flags = bytes[3]
        var length = 10
        if flags & extraFlag != 0 {
            guard bytes.count >= length + 2 else { return .needMore(length + 2) }
            length += 2 + (Int(bytes[length]) | Int(bytes[length + 1]) << 8)
        }
        for flag in [nameFlag, commentFlag] where flags & flag != 0 {
            // A zero-terminated string.
            guard length < bytes.count, let zero = bytes[length...].firstIndex(of: 0) else {
                return .needMore(max(length, bytes.count) + 1)
            }
            length = zero + 1
        }
        if flags & headerCRCFlag != 0 { length += 2 }
        guard bytes.count >= length else { return .needMore(length) }
        return .member(length: length)
    }
}
