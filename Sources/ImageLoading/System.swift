#if canImport(Glibc)
import Glibc
#endif

/// Facts about the machine the loader runs on.
enum System {
    static var activeProcessorCount: Int {
        let count = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return count > 0 ? Int(count) : 1
    }
}
