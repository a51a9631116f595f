import ArchiveIO
import Foundation
import ImageModel
import Parallelism
import RemoteImages

extension ImageLoader {
    /// The largest image config read from a registry.
    static let registryConfigLimit = 8 << 20

    /// Reads an image from a registry: the manifest (through an index by platform), the config,
    /// then every layer blob streamed into the layer scanner as it arrives, its digest checked.
    func loadRegistry(_ reference: ImageReference, inputName: String, meter: ProgressMeter?) throws(ImageLoadingError) -> [LoadedImage] {
        let client = RegistryClient(session: options.remote.registry, reference: reference)
        func fail(_ error: RemoteImageError, layer: String? = nil) -> ImageLoadingError {
            ImageLoadingError(input: inputName, problem: .remote(error.description), layer: layer)
        }
        let manifest: RegistryManifest
        let configBytes: [UInt8]
        do {
            manifest = try client.manifest(platform: options.platform)
            configBytes = try client.smallBlob(manifest.config, limit: Self.registryConfigLimit)
        } catch let error {
            throw fail(error)
        }
        let config: ImageConfigDocument
        switch ImageConfigDocument.decode(configBytes) {
        case .success(let decoded): config = decoded
        case .failure(let problem):
            throw ImageLoadingError(input: inputName, problem: .badMetadata(file: manifest.config.digest, message: problem.message))
        }
        var plan = ImagePlan(
            tags: [reference.description], configPath: manifest.config.digest, config: config,
            configDigest: manifest.config.digest, manifestDigest: manifest.digest,
            platform: manifest.platform ?? config.platform, layerPaths: manifest.layers.map(\.digest),
            layerMediaTypes: manifest.layers.map(\.mediaType), layerDigests: manifest.layers.map(\.digest),
            notes: manifest.notes)
        plan.blobSizesAreWireSizes = true
        if options.remote.manifestOnly {
            return [manifestOnlyImage(plan, layers: manifest.layers, inputName: inputName)]
        }
        let unique = manifest.layers.reduce(into: [RegistryManifest.Descriptor]()) { list, layer in
            if !list.contains(where: { $0.digest == layer.digest }) { list.append(layer) }
        }
        meter?.setTotals(bytes: unique.reduce(0) { $0 + $1.size }, layers: unique.count)
        let scans = try fetchLayers(unique, client: client, inputName: inputName, meter: meter)
        meter?.finish()
        // Registry layers are streamed: their large files carry digests already, nothing is read again.
        let digester = options.digestMinBytes.map {
            ContentDigester(minBytes: $0, locations: [], descriptor: -1, parallelism: options.parallelism)
        }
        return [image(
            from: plan, layerScans: plan.layerPaths.compactMap { scans[$0] }, notes: [], inputName: inputName, digester: digester)]
    }

    /// Streams each blob into a scanner, several at once (each holding one of the session's fetch
    /// slots), through the run's shared scans so that a layer of several images is fetched once.
    private func fetchLayers(
        _ layers: [RegistryManifest.Descriptor], client: RegistryClient, inputName: String, meter: ProgressMeter?
    ) throws(ImageLoadingError) -> [String: LayerScan] {
        let shared = options.remote.layers
        let capture = options.capture
        let digests = options.digestMinBytes.map { DigestPolicy(minBytes: $0, seekable: false) }
        let host = client.reference.apiHost
        // Fetching is bound by the network and inflating by a core: the loader's one mechanism,
        // bounded by --jobs, runs both.
        let results = ParallelWork.map(count: layers.count, limit: max(1, options.parallelism)) { index in
            let layer = layers[index]
            return shared.scan(host + "/" + layer.digest) {
                client.session.withFetchSlot {
                    Self.fetch(
                        layer, client: client, capture: capture, digests: digests, meter: meter, label: "layer \(index)",
                        inputName: inputName)
                }
            }
        }
        var scans: [String: LayerScan] = [:]
        for (index, layer) in layers.enumerated() {
            switch results[index] {
            case .success(let scan): scans[layer.digest] = scan
            case .failure(let error): throw error
            }
        }
        return scans
    }

    private static func fetch(
        _ layer: RegistryManifest.Descriptor, client: RegistryClient, capture: CapturePolicy, digests: DigestPolicy?,
        meter: ProgressMeter?, label: String, inputName: String
    ) -> Result<LayerScan, ImageLoadingError> {
        let stream = BlobStream(client: client, descriptor: layer)
        let scanner = LayerScanner(capture: capture, layerName: layer.digest, meter: meter, progressLabel: label, digests: digests)
        func failure(_ problem: ImageLoadingError.Problem) -> Result<LayerScan, ImageLoadingError> {
            // A blob that is not what its digest says is the cause of whatever the scan met.
            if (try? stream.drain()) == nil, let remote = stream.failure {
                return .failure(ImageLoadingError(input: inputName, problem: .remote(remote.description), layer: layer.digest))
            }
            return .failure(ImageLoadingError(input: inputName, problem: problem, layer: layer.digest))
        }
        do {
            let reader = try ArchiveReader.open(source: stream)
            var scan = try scanner.scan(reader)
            try stream.drain()
            scan.storedBytes = layer.size
            return .success(scan)
        } catch let error as RemoteImageError {
            return .failure(ImageLoadingError(input: inputName, problem: .remote(error.description), layer: layer.digest))
        } catch let failed as LayerScanFailure {
            return failure(failed.problem)
        } catch let error as ArchiveError {
            return failure(LayerScanner.classify(error))
        } catch {
            return failure(.corrupt("\(error)"))
        }
    }

    /// `--manifest-only`: what the manifest and config say, with no layer read. Content sizes are
    /// unknown (0 here; `notes` says so), compressed sizes are the descriptors'.
    private func manifestOnlyImage(_ plan: ImagePlan, layers: [RegistryManifest.Descriptor], inputName: String) -> LoadedImage {
        var scans: [String: LayerScan] = [:]
        for layer in layers {
            var scan = LayerScan()
            scan.storedBytes = layer.size
            scan.compression = Self.compression(ofMediaType: layer.mediaType)
            scans[layer.digest] = scan
        }
        var image = image(from: plan, layerScans: plan.layerPaths.compactMap { scans[$0] }, notes: [], inputName: inputName)
        image.notes.append(Self.manifestOnlyNote)
        image.contentMeasured = false
        return image
    }

    /// The note that marks an image read with `--manifest-only`.
    public static let manifestOnlyNote = "manifest only: layers were not downloaded; content, final and wasted sizes are not measured"

    static func compression(ofMediaType type: String?) -> LayerCompression {
        guard let type else { return .other }
        if type.hasSuffix("gzip") { return .gzip }
        if type.hasSuffix("zstd") { return .zstd }
        if type.hasSuffix(".tar") { return .none }
        return .other
    }
}

/// Results of the fetching threads, one slot per layer, and the next layer to fetch.
