import ArchiveIO
import Foundation
import ImageModel
import Parallelism
import WireSize

#if canImport(Glibc)
import Glibc
#endif

/// Reads every image of an input: finds the manifests, scans each needed layer once (in parallel
/// when the input is seekable), and merges each image's layers.
public struct ImageLoader: Sendable {
    public var options: LoadOptions

    public init(options: LoadOptions = LoadOptions()) {
        self.options = options
    }

    /// Reads `input` and returns its images (those selected by platform and tag), in manifest order.
    public func load(_ input: ImageInput) throws(ImageLoadingError) -> [LoadedImage] {
        let name = input.displayName
        let reader = CatalogReader(inputName: name)
        let meter = options.progress.map { ProgressMeter(input: name, callback: $0) }
        switch input {
        case .path(let path):
            if FileSystem().isDirectory(path) {
                let catalog = try reader.readDirectory(path)
                return try assemble(catalog, inputName: name, descriptor: -1, meter: meter)
            }
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw ImageLoadingError(input: name, problem: .cannotOpen(String(cString: strerror(errno))))
            }
            defer { close(descriptor) }
            // A path can name a pipe (`plimsoll inspect <(docker save app)`): read it as a stream.
            return try load(descriptor: descriptor, inputName: name, meter: meter)
        case .standardInput:
            var info = stat()
            if fstat(STDIN_FILENO, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO {
                // A 64 KiB pipe costs one read per 64 KiB and a context switch with the writer each
                // time; a 1 MiB pipe (Linux's default ceiling for unprivileged users) cuts both 16-fold.
                _ = fcntl(STDIN_FILENO, 1031 /* F_SETPIPE_SZ, not imported */, Int32(1 << 20))
            }
            return try load(descriptor: STDIN_FILENO, inputName: name, meter: meter)
        case .registry(let reference):
            return try loadRegistry(reference, inputName: name, meter: meter)
        case .engine(let image):
            return try loadEngine(image, inputName: name, meter: meter)
        }
    }

    /// Reads an open descriptor: by byte ranges when it is a regular file, else as a stream.
    private func load(descriptor: Int32, inputName: String, meter: ProgressMeter?) throws(ImageLoadingError) -> [LoadedImage] {
        let reader = CatalogReader(inputName: inputName)
        let seekable = DescriptorSource.isRegularFile(descriptor)
        if seekable, let catalog = try reader.readSeekable(descriptor: descriptor) {
            return try assemble(catalog, inputName: inputName, descriptor: descriptor, meter: meter)
        }
        if seekable { lseek(descriptor, 0, SEEK_SET) }
        let outer: ArchiveReader
        do {
            // Read once, front to back: a gzip-compressed tarball is inflated ahead on a core of its
            // own while this thread parses it.
            outer = try ArchiveReader.open(descriptor: descriptor, readAhead: true)
        } catch let error as ArchiveError {
            throw ImageLoadingError(input: inputName, problem: LayerScanner.classify(error))
        } catch {
            throw ImageLoadingError(input: inputName, problem: .corrupt("\(error)"))
        }
        if let meter {
            // Layers inside a stream are counted by the bytes they occupy in the outer tar; that
            // adds up to the file's size only when the outer tar is not compressed.
            var info = stat()
            let size = seekable && fstat(descriptor, &info) == 0 ? Int64(info.st_size) : nil
            meter.setTotals(bytes: outer.compressionFilters.isEmpty ? size : nil, layers: nil)
        }
        return try loadStream(outer, inputName: inputName, meter: meter)
    }

    /// Reads an image tarball from front to back (standard input, a compressed file, an engine's
    /// `docker save` stream), analysing each layer as it passes.
    func loadStream(_ outer: ArchiveReader, inputName: String, meter: ProgressMeter?) throws(ImageLoadingError) -> [LoadedImage] {
        let reader = CatalogReader(inputName: inputName)
        let capture = options.capture
        let compressedSize = options.compressedSize
        // Counted from 0 like every table; a stream meets layers in tarball order.
        var passed = 0
        let digests = options.digestMinBytes.map { DigestPolicy(minBytes: $0, seekable: false) }
        let catalog = try reader.readStream(outer) { name in
            defer { passed += 1 }
            return LayerScanner(
                capture: capture, compressedSize: compressedSize, layerName: name, meter: meter,
                progressLabel: "layer \(passed)", digests: digests)
        }
        let images = try assemble(catalog, inputName: inputName, descriptor: -1, meter: nil)
        meter?.finish()
        return images
    }

    // MARK: Assembly

    /// `meter` is nil when the layers were already read (streams) and progress is already counted.
    private func assemble(
        _ catalog: TarballCatalog, inputName: String, descriptor: Int32, meter: ProgressMeter?
    ) throws(ImageLoadingError) -> [LoadedImage] {
        let resolver = ManifestResolver(inputName: inputName, catalog: catalog, descriptor: descriptor)
        let (allPlans, resolverNotes) = try resolver.plans()
        let plans = try select(allPlans, inputName: inputName)
        var needed: [String] = []
        for plan in plans {
            for path in plan.layerPaths where !needed.contains(path) { needed.append(path) }
        }
        var scans = try scanLayers(needed, catalog: catalog, inputName: inputName, descriptor: descriptor, meter: meter)
        meter?.finish()
        var lastUse: [String: Int] = [:]
        for (position, plan) in plans.enumerated() {
            for path in plan.layerPaths { lastUse[path] = position }
        }
        var images: [LoadedImage] = []
        for (position, plan) in plans.enumerated() {
            let layerScans = plan.layerPaths.compactMap { scans[$0] }
            // A scan no later image needs leaves the table, so the merge can free its entries.
            for path in plan.layerPaths where lastUse[path] == position { scans[path] = nil }
            let digester = options.digestMinBytes.map { minBytes in
                ContentDigester(
                    minBytes: minBytes, locations: plan.layerPaths.map { catalog.blobs[$0]?.location }, descriptor: descriptor,
                    parallelism: options.parallelism)
            }
            images.append(
                image(
                    from: plan, layerScans: consume layerScans, notes: catalog.notes + resolverNotes, inputName: inputName,
                    digester: digester))
        }
        return images
    }

    private func select(_ plans: [ImagePlan], inputName: String) throws(ImageLoadingError) -> [ImagePlan] {
        var selected: [ImagePlan]
        switch PlatformChoice.choose(plans.map(\.platform), requested: options.platform) {
        case .chosen(let indexes): selected = indexes.map { plans[$0] }
        case .noSuchPlatform(let requested, let available):
            throw ImageLoadingError(input: inputName, problem: .noSuchPlatform(requested: requested.description, available: available))
        case .ambiguous(let available):
            throw ImageLoadingError(input: inputName, problem: .ambiguousPlatform(available: available))
        }
        if let tag = options.imageTag {
            let wanted = TagName.normalise(tag)
            selected = selected.filter { $0.tags.contains { TagName.normalise($0) == wanted } }
            guard !selected.isEmpty else {
                throw ImageLoadingError(input: inputName, problem: .noSuchImage(tag: tag, available: plans.flatMap(\.tags).sorted()))
            }
        }
        return selected
    }

    /// Scans each needed blob once. Seekable inputs scan several layers at once: the layers are
    /// independent until the merge, and inflating gzip layers is bound by one core each.
    private func scanLayers(
        _ paths: [String], catalog: TarballCatalog, inputName: String, descriptor: Int32, meter: ProgressMeter?
    ) throws(ImageLoadingError) -> [String: LayerScan] {
        var scans: [String: LayerScan] = [:]
        var pending: [(path: String, blob: TarballCatalog.Blob)] = []
        for path in paths {
            switch catalog.blobs[path] {
            case .scanned(let scan)?:
                scans[path] = scan
            case .opaque(_, let reason)?:
                throw ImageLoadingError(input: inputName, problem: .notATarball(reason), layer: path)
            case let blob?:
                pending.append((path, blob))
            case nil:
                throw ImageLoadingError(input: inputName, problem: .missingBlob(path: path, referencedBy: "the manifest"))
            }
        }
        // Largest first, so the last layer to finish is a small one.
        pending.sort { $0.blob.length > $1.blob.length }
        meter?.setTotals(bytes: pending.reduce(0) { $0 + $1.blob.length }, layers: pending.count)
        var labels: [String: String] = [:]
        for (position, path) in paths.enumerated() { labels[path] = "layer \(position)" }
        let capture = options.capture
        let compressedSize = options.compressedSize
        let digests = options.digestMinBytes.map { DigestPolicy(minBytes: $0, seekable: true) }
        let items = pending.map { (path: $0.path, blob: $0.blob, label: labels[$0.path] ?? $0.path) }
        let results = ParallelWork.map(count: items.count, limit: options.parallelism) { index in
            let item = items[index]
            let scanner = LayerScanner(
                capture: capture, compressedSize: compressedSize, layerName: item.path, meter: meter,
                progressLabel: item.label, digests: digests)
            return Self.scan(item.blob, path: item.path, descriptor: descriptor, scanner: scanner, inputName: inputName)
        }
        for (index, item) in pending.enumerated() {
            switch results[index] {
            case .success(let scan): scans[item.path] = scan
            case .failure(let error): throw error
            }
        }
        return scans
    }

    private static func scan(
        _ blob: TarballCatalog.Blob, path: String, descriptor: Int32, scanner: LayerScanner, inputName: String
    ) -> Result<LayerScan, ImageLoadingError> {
        do {
            let range: (descriptor: Int32, offset: Int64, length: Int64)
            var ownedDescriptor: Int32 = -1
            defer { if ownedDescriptor >= 0 { close(ownedDescriptor) } }
            switch blob {
            case .range(let offset, let length):
                range = (descriptor, offset, length)
            case .file(let file, let length):
                ownedDescriptor = open(file, O_RDONLY | O_CLOEXEC)
                guard ownedDescriptor >= 0 else {
                    return .failure(ImageLoadingError(input: inputName, problem: .cannotOpen(String(cString: strerror(errno))), layer: path))
                }
                range = (ownedDescriptor, 0, length)
            case .scanned(let scan):
                return .success(scan)
            case .opaque(_, let reason):
                return .failure(ImageLoadingError(input: inputName, problem: .notATarball(reason), layer: path))
            }
            let sizer = LayerWireSizer(
                scanner.compressedSize, layerName: path, descriptor: range.descriptor, offset: range.offset, length: range.length)
            let observer = sizer.observer
            let source = FileRangeSource(
                descriptor: range.descriptor, offset: range.offset, length: range.length, observer: observer)
            let reader = try ArchiveReader.open(source: source)
            var scan = try scanner.scan(reader)
            scan.storedBytes = blob.length
            if observer != nil {
                // Deflate what libarchive did not need to read (end-of-archive padding).
                while try !source.read().isEmpty {}
            }
            scan.computedCompressedSize = sizer.finish()
            if let note = sizer.note { scan.notes.append(note) }
            return .success(scan)
        } catch let failure as LayerScanFailure {
            return .failure(ImageLoadingError(input: inputName, problem: failure.problem, layer: path))
        } catch let error as ArchiveError {
            return .failure(ImageLoadingError(input: inputName, problem: LayerScanner.classify(error), layer: path))
        } catch {
            return .failure(ImageLoadingError(input: inputName, problem: .corrupt("\(error)"), layer: path))
        }
    }
}

extension TarballCatalog.Blob {
    /// Where the blob can be read again, if it can.
    var location: ContentDigester.Location? {
        switch self {
        case .range(let offset, let length): return .range(offset: offset, length: length)
        case .file(let path, let length): return .file(path: path, length: length)
        case .scanned, .opaque: return nil
        }
    }

    var length: Int64 {
        switch self {
        case .range(_, let length), .file(_, let length), .opaque(let length, _): return length
        case .scanned(let scan): return scan.storedBytes
        }
    }
}

