/// Feeds the data of the current entry of an outer archive to an inner archive, block by block,
/// with no copy: the layer tar inside a `docker save` stream is read as an archive of its own.
///
/// `prefix` is the first block, already read to sniff the entry's format; it is handed out first.
public final class EntryDataSource: ArchiveByteSource {
    private let outer: ArchiveReader
    private var prefix: [UInt8]?
    private let observer: ((UnsafeRawBufferPointer) -> Void)?
    /// Bytes handed to the inner archive so far.
    public private(set) var bytesRead: Int64 = 0

    public init(
        outer: ArchiveReader, prefix: [UInt8], observer: ((UnsafeRawBufferPointer) -> Void)? = nil
    ) {
        self.outer = outer
        self.prefix = prefix.isEmpty ? nil : prefix
        self.observer = observer
    }

    public func read() throws -> UnsafeRawBufferPointer {
        if let pending = prefix {
            prefix = nil
            // Keep the bytes alive in `held` until the entry ends, as the protocol requires.
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: pending.count, alignment: 16)
            copy.copyBytes(from: pending)
            held = copy
            return deliver(UnsafeRawBufferPointer(copy))
        }
        guard let block = try outer.readBlock() else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return deliver(block)
    }

    private var held: UnsafeMutableRawBufferPointer?

    deinit { held?.deallocate() }

    private func deliver(_ block: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        bytesRead += Int64(block.count)
        observer?(block)
        return block
    }

    /// Reads and discards what the inner archive did not consume, so `bytesRead` ends as the
    /// entry's full length.
    public func drain() throws {
        while let block = try outer.readBlock() {
            _ = deliver(block)
        }
    }
}
