#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cores the process may keep busy, shared by every `ParallelWork` in it, however nested.
///
/// A thread that calls `ParallelWork.map` is already running, so it counts itself; every helper
/// thread it starts holds one token from here until it ends. With the shared budget (one token per
/// core, less the calling thread), images checked in parallel, each scanning layers in parallel,
/// run at most one thread per core in total instead of jobs x cores.
public final class CoreBudget: @unchecked Sendable {
    /// One budget for the whole process.
    public static let shared = CoreBudget(cores: processorCount)

    /// Cores online (at least 1).
    public static var processorCount: Int {
        let count = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return count > 0 ? Int(count) : 1
    }

    private var mutex = pthread_mutex_t()
    /// Signalled whenever a token comes back, for callers waiting to reclaim their core.
    private var returned = pthread_cond_t()
    /// Tokens free; never negative.
    private var free: Int

    /// A budget for `cores` threads in all, the first of which is the caller's own.
    public init(cores: Int) {
        free = max(cores, 1) - 1
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&returned, nil)
    }

    deinit {
        pthread_cond_destroy(&returned)
        pthread_mutex_destroy(&mutex)
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }

    /// Takes a token if one is free.
    func tryAcquire() -> Bool {
        locked {
            guard free > 0 else { return false }
            free -= 1
            return true
        }
    }

    func release() {
        locked {
            free += 1
            pthread_cond_broadcast(&returned)
        }
    }

    /// Lends the caller's own core while it only waits for its helpers.
    func lend() { release() }

    /// Takes the caller's core back once its helpers are done, waiting while another thread still
    /// runs on it, so that the process never runs more threads than cores. It cannot wait for
    /// ever: a waiting caller holds no token, and every token is held by a thread that finishes.
    func reclaim() {
        pthread_mutex_lock(&mutex)
        while free <= 0 { pthread_cond_wait(&returned, &mutex) }
        free -= 1
        pthread_mutex_unlock(&mutex)
    }

    /// Tokens free now (for tests).
    public var available: Int { locked { free } }
}
