import Foundation

/// One thread of its own beside the caller, for a stage that lasts as long as a stream does (the
/// read-ahead inflater of a whole-file gzip): `ParallelWork.map` hands out independent pieces of
/// work and returns when they are done, which does not fit a producer that runs alongside the
/// consumer it feeds.
///
/// It draws on the same `CoreBudget` as `ParallelWork`: the thread holds one token from `start`
/// until its body returns, and `start` gives nil when no core is free, so the caller does the work
/// itself and the process still runs at most one thread per core.
public final class HelperThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var finished = false

    private init() {}

    /// Runs `body` on a new thread if `budget` has a free core; nil (and nothing runs) otherwise.
    public static func start(budget: CoreBudget = .shared, _ body: @escaping @Sendable () -> Void) -> HelperThread? {
        guard budget.tryAcquire() else { return nil }
        let helper = HelperThread()
        let thread = Thread {
            body()
            budget.release()
            helper.condition.lock()
            helper.finished = true
            helper.condition.broadcast()
            helper.condition.unlock()
        }
        thread.stackSize = ParallelWork.stackSize
        thread.start()
        return helper
    }

    /// Waits until the body has returned (and its core is back in the budget).
    public func join() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
