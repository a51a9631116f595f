import Foundation

/// The one way the program runs work in parallel: layers of an image, and images of a fleet.
///
/// `map` runs `transform` for every index on the calling thread and on helper threads it starts as
/// long as work remains, `limit` allows, and the `CoreBudget` has a free core. Work is handed out
/// one index at a time, in index order. Dedicated threads, not Dispatch's pool: the pool sizes
/// itself by load and was seen running two inflating workers on one core.
public enum ParallelWork {
    public static func map<Output: Sendable>(
        count: Int, limit: Int, budget: CoreBudget = .shared, _ transform: @escaping @Sendable (Int) -> Output
    ) -> [Output] {
        guard count > 0 else { return [] }
        let job = Job(count: count, limit: max(1, limit), budget: budget, transform: transform)
        job.work()
        job.waitForHelpers()
        return job.results()
    }

    /// Helper threads get large stacks: they may load and account a whole image.
    static let stackSize = 8 << 20

    private final class Job<Output: Sendable>: @unchecked Sendable {
        private let count: Int
        private let limit: Int
        private let budget: CoreBudget
        private let transform: @Sendable (Int) -> Output
        private let condition = NSCondition()
        private var next = 0
        private var helpers = 0
        private var running = 0
        private var slots: [Output?]

        init(count: Int, limit: Int, budget: CoreBudget, transform: @escaping @Sendable (Int) -> Output) {
            self.count = count
            self.limit = limit
            self.budget = budget
            self.transform = transform
            slots = Array(repeating: nil, count: count)
        }

        /// Takes indices until none are left, starting a helper whenever one may join.
        func work() {
            while let index = take() {
                let output = transform(index)
                condition.lock()
                slots[index] = output
                condition.unlock()
            }
        }

        private func take() -> Int? {
            condition.lock()
            guard next < count else {
                condition.unlock()
                return nil
            }
            let index = next
            next += 1
            let startHelper = next < count && helpers + 1 < limit && budget.tryAcquire()
            if startHelper {
                helpers += 1
                running += 1
            }
            condition.unlock()
            if startHelper {
                let thread = Thread { [self] in
                    work()
                    budget.release()
                    condition.lock()
                    running -= 1
                    condition.broadcast()
                    condition.unlock()
                }
                thread.stackSize = ParallelWork.stackSize
                thread.start()
            }
            return index
        }

        func waitForHelpers() {
            condition.lock()
            let lent = running > 0
            if lent {
                budget.lend()
                while running > 0 { condition.wait() }
            }
            condition.unlock()
            // Outside the lock: reclaiming may wait for a thread of another batch.
            if lent { budget.reclaim() }
        }

        func results() -> [Output] {
            condition.lock()
            defer { condition.unlock() }
            return slots.map { $0! }
        }
    }
}
