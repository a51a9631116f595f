import Foundation

/// Maps over items with at most `limit` running at once, keeping the input order of results.
enum BoundedParallel {
    static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], limit: Int, _ transform: @escaping @Sendable (Item) -> Output
    ) -> [Output] {
        let results = ResultSlots<Output>(count: items.count)
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: max(1, limit))
        let queue = DispatchQueue(label: "plimsoll.parallel", attributes: .concurrent)
        for (index, item) in items.enumerated() {
            slots.wait()
            group.enter()
            queue.async {
                results.set(index, transform(item))
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return results.values()
    }
}

/// Result slots filled from several threads; a lock guards the array.
private final class ResultSlots<Output: Sendable>: @unchecked Sendable {
    private var slots: [Output?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Output) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [Output] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
