import ImageModel
import WireSize

/// One tar entry of a layer, reduced to what the overlay merge and the accountant need.
struct LayerEntry: Sendable {
    enum Kind: UInt8, Sendable {
        case regular, directory, symlink, hardlink, other
        /// `dir/.wh.name`: deletes `dir/name` from lower layers. `path` is the deleted path.
        case whiteout
        /// `dir/.wh..wh..opq`: hides everything below `dir` from lower layers. `path` is `dir`.
        case opaque
    }

    /// Normalised: no leading "/" or "./", no trailing "/", no "." or ".." components; "" is the root.
    var path: String
    var kind: Kind
    var size: Int64
    /// Symlink target as stored; for hard links, the normalised target path.
    var linkTarget: String?
}

/// A layer's entries in tar order, packed: each distinct parent directory is stored once, each
/// entry is its name's bytes and a 32-byte record, so a layer of a million entries is a handful
/// of allocations, not a million, and about 50 bytes an entry.
struct LayerEntries: Sendable {
    struct Record: Sendable {
        var nameStart: Int
        var size: Int64
        /// Index into the directories; its path is everything before the entry's last "/".
        var directory: Int32
        var nameLength: Int32
        /// Index into `links`, or -1.
        var link: Int32
        var kind: LayerEntry.Kind
    }

    private(set) var records: [Record] = []
    private var names: [UInt8] = []
    private var directoryBytes: [UInt8] = []
    private var directoryRanges: [Range<Int>] = []
    /// Directory by the hash of its path; a collision only stores a directory twice.
    private var directoryByHash: [Int: Int32] = [:]
    private var lastDirectory: Int32 = -1
    private var links: [String] = []

    var count: Int { records.count }
    var directoryCount: Int { directoryRanges.count }

    /// Appends an entry whose normalised path (`LayerEntry.path`) is `path`'s bytes.
    mutating func append(path bytes: UnsafeBufferPointer<UInt8>, kind: LayerEntry.Kind, size: Int64, linkTarget: String?) {
        var link: Int32 = -1
        if let linkTarget {
            links.append(linkTarget)
            link = Int32(links.count - 1)
        }
        let slash = bytes.lastIndex(of: UInt8(ascii: "/"))
        let directory = self.directory(UnsafeBufferPointer(rebasing: bytes[..<(slash ?? 0)]))
        let name = UnsafeBufferPointer(rebasing: bytes[(slash.map { $0 + 1 } ?? 0)...])
        let start = names.count
        names.append(contentsOf: name)
        records.append(Record(nameStart: start, size: size, directory: directory, nameLength: Int32(name.count), link: link, kind: kind))
    }

    private mutating func directory(_ path: UnsafeBufferPointer<UInt8>) -> Int32 {
        if lastDirectory >= 0, withDirectory(lastDirectory, { $0.sameBytes(as: path) }) { return lastDirectory }
        let hash = PathIndex.hash(parent: -1, name: path)
        if let known = directoryByHash[hash], withDirectory(known, { $0.sameBytes(as: path) }) {
            lastDirectory = known
            return known
        }
        let start = directoryBytes.count
        directoryBytes.append(contentsOf: path)
        directoryRanges.append(start..<directoryBytes.count)
        let id = Int32(directoryRanges.count - 1)
        if directoryByHash[hash] == nil { directoryByHash[hash] = id }
        lastDirectory = id
        return id
    }

    func linkTarget(_ record: Record) -> String? { record.link < 0 ? nil : links[Int(record.link)] }

    /// Calls `body` with a directory's normalised path bytes ("app/lib"; empty for the root).
    func withDirectory<T>(_ directory: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let range = directoryRanges[Int(directory)]
        return try directoryBytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Calls `body` with the record's name bytes (the last component of its path).
    func withName<T>(_ record: Record, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try names.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[record.nameStart..<(record.nameStart + Int(record.nameLength))]))
        }
    }

    /// Releases the lookup table once the layer is read: the merge needs only the records.
    mutating func seal() {
        directoryByHash = [:]
    }
}

/// Everything the loader learned from one layer blob.
struct LayerScan: Sendable {
    var entries = LayerEntries()
    var entryCount = 0
    var fileCount = 0
    var contentBytes: Int64 = 0
    /// Length of the uncompressed layer tar.
    var tarBytes: Int64 = 0
    /// Length of the blob as stored.
    var storedBytes: Int64 = 0
    var compression: LayerCompression = .none
    /// The compressed size computed for a blob stored uncompressed (`LoadOptions.compressedSize`).
    var computedCompressedSize: CompressedSizeFigure?
    /// Contents of the files the capture policy matched, keyed by normalised path.
    var captured: [String: [UInt8]] = [:]
    /// Regular files of at least `DigestPolicy.minBytes` (sparse files excepted), keyed by
    /// normalised path: what `ContentDigester` needs to find identical copies.
    var largeFiles: [String: LargeFile] = [:]
    var notes: [String] = []
}
