import Foundation

/// Runs `work` on `count` threads (the caller's among them) and returns when all have finished.
/// Dedicated threads rather than Dispatch's pool: the pool sizes itself by load and was seen
/// running both workers on one core, which halves inflate throughput.
enum WorkerThreads {
    static func run(_ count: Int, _ work: @escaping @Sendable (Int) -> Void) {
        let done = DispatchSemaphore(value: 0)
        for worker in 1..<max(count, 1) {
            let thread = Thread {
                work(worker)
                done.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        if count >= 1 { work(0) }
        for _ in 1..<max(count, 1) { done.wait() }
    }
}
