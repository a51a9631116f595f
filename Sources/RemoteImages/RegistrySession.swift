import Foundation
import HTTPTransport

/// State shared by every registry read of one run: the scheme each host answered on, the
/// authorization each repository earned (tokens are reused per repository), and the limit on
/// parallel blob fetches (`--jobs`). Thread-safe: images are read in parallel.
public final class RegistrySession: @unchecked Sendable {
    public let options: RegistryOptions
    private let lock = NSLock()
    private var schemes: [String: String] = [:]
    private var authorizations: [String: String] = [:]
    private var credentialLookups: [String: (credential: RegistryCredential?, tried: [String])] = [:]
    private let fetchSlots: DispatchSemaphore
    /// Token requests made, by repository (`host/repository`); for tests and diagnostics.
    public private(set) var tokenRequests: [String: Int] = [:]

    public init(options: RegistryOptions = RegistryOptions(), parallelFetches: Int = 4) {
        self.options = options
        fetchSlots = DispatchSemaphore(value: max(1, parallelFetches))
    }

    /// Runs `body` holding one of the parallel-fetch slots.
    public func withFetchSlot<T>(_ body: () throws -> T) rethrows -> T {
        fetchSlots.wait()
        defer { fetchSlots.signal() }
        return try body()
    }

    func scheme(for host: String) -> String? { lock.withLock { schemes[host] } }
    func setScheme(_ scheme: String, for host: String) { lock.withLock { schemes[host] = scheme } }

    func authorization(for scope: String) -> String? { lock.withLock { authorizations[scope] } }
    func setAuthorization(_ value: String, for scope: String) { lock.withLock { authorizations[scope] = value } }

    func countTokenRequest(_ scope: String) { lock.withLock { tokenRequests[scope, default: 0] += 1 } }

    /// The credential for `host`, looked up once per run (a helper may be slow to run).
    func credential(for host: String) -> (credential: RegistryCredential?, tried: [String]) {
        if let known = lock.withLock({ credentialLookups[host] }) { return known }
        let found = options.credentials.lookup(host: host)
        lock.withLock { credentialLookups[host] = found }
        return found
    }
}
