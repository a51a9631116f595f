/// A growable byte buffer with a stable address between mutations, so that a pointer into it
/// can be handed to libarchive until the next read.
final class ByteBuffer {
    private(set) var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        storage = .allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    var isEmpty: Bool { count == 0 }

    func append(_ block: UnsafeRawBufferPointer) {
        guard let base = block.baseAddress, block.count > 0 else { return }
        if count + block.count > capacity {
            var grown = capacity * 2
            while grown < count + block.count { grown *= 2 }
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
            bigger.copyMemory(from: storage, byteCount: count)
            storage.deallocate()
            storage = bigger
            capacity = grown
        }
        (storage + count).copyMemory(from: base, byteCount: block.count)
        count += block.count
    }

    func removeAll() { count = 0 }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }
}
