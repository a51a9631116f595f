import CArchive

#if canImport(Glibc)
import Glibc
#endif

/// A value snapshot of one archive entry header.
///
/// Built once per header from the C getters (as containerization's `WriteEntry` wraps them), so
/// that no `archive_entry *` escapes the reader. The path is decoded exactly once.
public struct ArchiveEntry: Sendable, Equatable {
    /// What the entry is, as far as size accounting cares.
    public enum Kind: UInt8, Sendable {
        case regular
        case directory
        case symlink
        /// A hard link: the header names an earlier entry and carries no bytes of its own.
        case hardlink
        /// Devices, FIFOs, sockets.
        case other
    }

    /// The path as stored, decoded as UTF-8; bytes that are not UTF-8 are written `\xNN`.
    public var path: String
    public var kind: Kind
    /// Declared size in bytes; 0 when the header sets none. Hard links always report 0.
    public var size: Int64
    /// The symlink or hard-link target, as stored.
    public var linkTarget: String?
    /// A sparse file (GNU or pax sparse): its data in the archive is not its contents byte for
    /// byte, so it cannot be identified by reading its data range.
    public var isSparse = false

    public init(path: String, kind: Kind, size: Int64, linkTarget: String? = nil) {
        self.path = path
        self.kind = kind
        self.size = size
        self.linkTarget = linkTarget
    }

    init(_ entry: OpaquePointer) {
        let header = ArchiveReader.Header(entry)
        path = header.path
        kind = header.kind
        size = header.size
        linkTarget = header.linkTarget
        isSparse = header.isSparse
    }

    static func decodePath(_ entry: OpaquePointer) -> String {
        decode(raw: archive_entry_pathname(entry), utf8: { archive_entry_pathname_utf8(entry) })
    }

    /// Takes the stored bytes when they are UTF-8 (the common case, and cheap: libarchive's own
    /// conversion goes through the locale per character). Otherwise asks libarchive to convert, and
    /// as a last resort escapes the bytes that are not UTF-8, so two raw names never collide.
    static func decode(raw: UnsafePointer<CChar>?, utf8: () -> UnsafePointer<CChar>?) -> String {
        if let raw, let text = String(validatingCString: raw) { return text }
        if let converted = utf8() { return String(cString: converted) }
        guard let raw else { return "" }
        return RawName.decode(raw)
    }
}

extension ArchiveReader {
    /// One header as libarchive holds it, read in place (see `nextHeader`): the same facts as an
    /// `ArchiveEntry`, with the path's stored bytes available without a copy.
    public struct Header {
        let entry: OpaquePointer
        public let kind: ArchiveEntry.Kind
        /// Declared size in bytes; 0 when the header sets none. Hard links always report 0.
        public let size: Int64

        init(_ entry: OpaquePointer) {
            self.entry = entry
            if archive_entry_hardlink(entry) != nil || archive_entry_hardlink_utf8(entry) != nil {
                kind = .hardlink
                size = 0
                return
            }
            // AE_IFREG and friends are cast macros that Swift does not import; these are their values.
            switch archive_entry_filetype(entry) {
            case 0o100000: kind = .regular
            case 0o040000: kind = .directory
            case 0o120000: kind = .symlink
            default: kind = .other
            }
            size = archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : 0
        }

        /// The path as stored when it is ASCII (nearly every name in every image), valid until the
        /// reader moves on; nil otherwise, and then `path` decodes it.
        public var asciiPath: UnsafeBufferPointer<UInt8>? {
            guard let raw = archive_entry_pathname(entry) else { return nil }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
            var combined: UInt8 = 0
            for byte in bytes { combined |= byte }
            return combined < 0x80 ? bytes : nil
        }

        /// `ArchiveEntry.path`: the stored bytes when they are UTF-8, else escaped.
        public var path: String { ArchiveEntry.decodePath(entry) }

        /// `ArchiveEntry.linkTarget`.
        public var linkTarget: String? {
            switch kind {
            case .hardlink:
                return ArchiveEntry.decode(raw: archive_entry_hardlink(entry), utf8: { archive_entry_hardlink_utf8(entry) })
            case .symlink:
                return ArchiveEntry.decode(raw: archive_entry_symlink(entry), utf8: { archive_entry_symlink_utf8(entry) })
            case .regular, .directory, .other:
                return nil
            }
        }

        /// `ArchiveEntry.isSparse`.
        public var isSparse: Bool { kind == .regular && archive_entry_sparse_count(entry) > 0 }
    }
}

/// Decoding of names that are not valid UTF-8.
enum RawName {
    static func decode(_ raw: UnsafePointer<CChar>) -> String {
        let length = strlen(raw)
        let bytes = UnsafeRawBufferPointer(start: raw, count: length)
        if let valid = String(validatingCString: raw) { return valid }
        var result = ""
        var index = 0
        while index < bytes.count {
            // Find the longest valid UTF-8 run starting here.
            let scalarLength = utf8SequenceLength(bytes, at: index)
            if scalarLength > 0 {
                result += String(decoding: bytes[index..<(index + scalarLength)], as: UTF8.self)
                index += scalarLength
            } else {
                let byte = bytes[index]
                let hex = String(byte, radix: 16, uppercase: false)
                result += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                index += 1
            }
        }
        return result
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 when the byte there starts none.
    private static func utf8SequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        if String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil { return 0 }
        return length
    }
}
