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

/// A layer's entries in tar order, packed: the paths share one byte buffer and each entry is a
/// 32-byte record, so a layer of a million entries is two allocations, not a million.
struct LayerEntries: Sendable {
    struct Record: Sendable {
        var pathStart: Int
        var size: Int64
        var pathLength: Int32
        /// Index into `links`, or -1.
        var link: Int32
        var kind: LayerEntry.Kind
    }

    private(set) var records: [Record] = []
    private var paths: [UInt8] = []
    private var links: [String] = []

    var count: Int { records.count }

    mutating func append(_ entry: LayerEntry) {
        var link: Int32 = -1
        if let target = entry.linkTarget {
            links.append(target)
            link = Int32(links.count - 1)
        }
        let start = paths.count
        var path = entry.path
        path.withUTF8 { paths.append(contentsOf: $0) }
        records.append(Record(pathStart: start, size: entry.size, pathLength: Int32(paths.count - start), link: link, kind: entry.kind))
    }

    func linkTarget(_ record: Record) -> String? { record.link < 0 ? nil : links[Int(record.link)] }

    /// Calls `body` with the record's normalised path bytes ("app/x.js").
    func withPath<T>(_ record: Record, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try paths.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[record.pathStart..<(record.pathStart + Int(record.pathLength))]))
        }
    }

    func path(_ record: Record) -> String { withPath(record) { String(decoding: $0, as: UTF8.self) } }
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
    var notes: [String] = []
}
