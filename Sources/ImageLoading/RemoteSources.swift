import Foundation
import RemoteImages

/// What reading from registries and engines needs beyond the tarball options: the run's registry
/// session (tokens, trust, the parallel-fetch limit), the engine to ask, whether to stop at the
/// manifest, and the layers this run already read.
public struct RemoteSources: Sendable {
    public var registry: RegistrySession
    public var engine: EngineEndpoint
    /// `--manifest-only`: layers, compressed sizes and config facts; no layer is downloaded.
    public var manifestOnly: Bool
    /// Layers read in this run, by digest: a layer shared by several images is fetched once.
    public let layers: SharedLayerScans

    public init(
        registry: RegistrySession = RegistrySession(), engine: EngineEndpoint = .fromEnvironment(),
        manifestOnly: Bool = false
    ) {
        self.registry = registry
        self.engine = engine
        self.manifestOnly = manifestOnly
        layers = SharedLayerScans()
    }
}

/// Layer scans by blob digest for one run. When two images need a layer at once, the second
/// waits for the first's scan instead of fetching the blob again.
public final class SharedLayerScans: @unchecked Sendable {
    private let condition = NSCondition()
    private var done: [String: Result<LayerScan, ImageLoadingError>] = [:]
    private var inFlight: Set<String> = []
    /// Blobs fetched (not served from here), for tests and diagnostics.
    public private(set) var fetches = 0

    public init() {}

    func scan(_ key: String, produce: () -> Result<LayerScan, ImageLoadingError>) -> Result<LayerScan, ImageLoadingError> {
        condition.lock()
        while inFlight.contains(key) { condition.wait() }
        if let known = done[key] {
            condition.unlock()
            return known
        }
        inFlight.insert(key)
        fetches += 1
        condition.unlock()
        let result = produce()
        condition.lock()
        inFlight.remove(key)
        // A failure is not kept: another image may fetch the blob again and succeed.
        if case .success = result { done[key] = result }
        condition.broadcast()
        condition.unlock()
        return result
    }
}
