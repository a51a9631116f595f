import Foundation

/// A bounded hand-off of byte blocks from one producer thread to one consumer: `slotCount` buffers
/// of `slotSize` bytes, allocated once, so memory stays fixed however long the stream is. The
/// producer fills a free slot in place and publishes it with its byte count and a `Tag` (whatever
/// else the consumer must learn with those bytes); the consumer takes slots in order and holds
/// each until it takes the next one, which frees it. Either side waits only when the ring is full
/// or empty.
public final class BlockRing<Tag>: @unchecked Sendable {
    public let slotSize: Int
    public let slotCount: Int
    private let storage: UnsafeMutableRawPointer
    private var published: [(count: Int, tag: Tag)?]
    private let condition = NSCondition()
    /// Next slot the consumer takes, and the next one the producer fills.
    private var head = 0
    private var tail = 0
    /// Slots published and not yet taken.
    private var ready = 0
    /// Whether the consumer holds the slot before `head`.
    private var holding = false
    private var cancelled = false

    public init(slotSize: Int, slotCount: Int) {
        self.slotSize = slotSize
        self.slotCount = max(slotCount, 2)
        storage = .allocate(byteCount: slotSize * self.slotCount, alignment: 64)
        published = Array(repeating: nil, count: self.slotCount)
    }

    deinit { storage.deallocate() }

    private func slot(_ index: Int) -> UnsafeMutableRawPointer { storage + index * slotSize }

    // MARK: Producer

    /// A free slot to fill, waiting while every slot is in use; nil once the consumer has cancelled.
    public func nextFree() -> UnsafeMutableRawPointer? {
        condition.lock()
        defer { condition.unlock() }
        while ready + (holding ? 1 : 0) == slotCount && !cancelled { condition.wait() }
        return cancelled ? nil : slot(tail)
    }

    /// Hands the slot `nextFree` gave to the consumer, with `count` bytes filled.
    public func publish(count: Int, tag: Tag) {
        condition.lock()
        published[tail] = (count, tag)
        tail = (tail + 1) % slotCount
        ready += 1
        condition.signal()
        condition.unlock()
    }

    // MARK: Consumer

    /// Frees the slot taken last and waits for the next one: its bytes stay valid until the next call.
    public func take() -> (bytes: UnsafeRawBufferPointer, tag: Tag) {
        condition.lock()
        defer { condition.unlock() }
        if holding {
            holding = false
            condition.signal()
        }
        while ready == 0 { condition.wait() }
        let (count, tag) = published[head]!
        published[head] = nil
        let bytes = UnsafeRawBufferPointer(start: slot(head), count: count)
        head = (head + 1) % slotCount
        ready -= 1
        holding = true
        return (bytes, tag)
    }

    /// Tells a producer waiting for a free slot (or about to) to stop: `nextFree` gives nil from now on.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
