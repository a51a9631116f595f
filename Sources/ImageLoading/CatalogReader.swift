import ArchiveIO

#if canImport(Glibc)
import Glibc
#endif

/// Builds a `TarballCatalog` from an input: a seekable tarball (headers only; layers are scanned
/// later over their byte ranges), a stream (layers are scanned as they pass), or an OCI layout
/// directory.
struct CatalogReader {
    /// The most a manifest, index or config may weigh. Real ones are kilobytes.
    static let maxDocumentBytes: Int64 = 16 << 20

    var inputName: String

    // MARK: Deciding what an entry is

    /// Names that are always image metadata, whatever their bytes.
    static func isMetadataName(_ path: String) -> Bool {
        path == "manifest.json" || path == "index.json" || path == "oci-layout" || path == "repositories"
            || (path.hasSuffix(".json") && !path.contains("/"))
            || path.hasPrefix("sha256:") || path.hasSuffix("/json")
    }

    /// JSON documents start with `{`, `[` or `null` after optional white space.
    static func looksLikeJSON(_ prefix: UnsafeRawBufferPointer) -> Bool {
        for byte in prefix {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "n"): return true
            default: return false
            }
        }
        return false
    }

    private func metadataTooLarge(_ path: String, _ size: Int64) -> ImageLoadingError {
        ImageLoadingError(
            input: inputName,
            problem: .metadataTooLarge(file: path, bytes: size, limit: Self.maxDocumentBytes))
    }

    private func wrap(_ error: ArchiveError) -> ImageLoadingError {
        ImageLoadingError(input: inputName, problem: LayerScanner.classify(error))
    }

    // MARK: Seekable tarballs

    /// Reads the headers of an uncompressed tarball, noting where each blob's bytes are. Returns nil
    /// when the tarball turns out to be compressed as a whole (then only a stream read makes sense).
    func readSeekable(descriptor: Int32) throws(ImageLoadingError) -> TarballCatalog? {
        var catalog = TarballCatalog()
        let compressed = try guarded { () throws -> Bool in
            let outer = try ArchiveReader.open(descriptor: descriptor)
            var first = true
            while let entry = try outer.next() {
                if first {
                    first = false
                    if outer.isCompressed { return true }
                }
                let name = TarballCatalog.clean(entry.path)
                if let top = name.split(separator: "/").first { catalog.topLevelNames.insert(String(top)) }
                switch entry.kind {
                case .symlink, .hardlink:
                    catalog.addLink(entry, at: name)
                case .regular:
                    let offset = outer.uncompressedBytesConsumed
                    if Self.isMetadataName(name) || (entry.size <= Self.maxDocumentBytes && sniffJSON(descriptor, offset, entry.size)) {
                        guard entry.size <= Self.maxDocumentBytes else { throw metadataTooLarge(name, entry.size) }
                        catalog.documents[name] = try outer.readAll(limit: Int(Self.maxDocumentBytes))
                    } else {
                        catalog.blobs[name] = .range(offset: offset, length: entry.size)
                    }
                case .directory, .other:
                    break
                }
            }
            catalog.notes.append(contentsOf: outer.warnings.map { "\(inputName): \($0)" })
            return false
        }
        return compressed ? nil : catalog
    }

    private func sniffJSON(_ descriptor: Int32, _ offset: Int64, _ size: Int64) -> Bool {
        guard size > 0 else { return false }
        var prefix = [UInt8](repeating: 0, count: Int(min(size, 16)))
        let got = prefix.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard got > 0 else { return false }
        return prefix.withUnsafeBytes { Self.looksLikeJSON(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
    }

    // MARK: Streams

    /// Reads a tarball once from front to back, scanning every archive-like blob as it passes.
    func readStream(
        _ outer: ArchiveReader, scanner: (String) -> LayerScanner
    ) throws(ImageLoadingError) -> TarballCatalog {
        var catalog = TarballCatalog()
        try guarded {
            while let entry = try outer.next() {
                let name = TarballCatalog.clean(entry.path)
                if let top = name.split(separator: "/").first { catalog.topLevelNames.insert(String(top)) }
                switch entry.kind {
                case .symlink, .hardlink:
                    catalog.addLink(entry, at: name)
                    continue
                case .directory, .other:
                    continue
                case .regular:
                    break
                }
                guard let firstBlock = try outer.readBlock(), !firstBlock.isEmpty else {
                    catalog.blobs[name] = .opaque(length: 0, reason: "empty file")
                    continue
                }
                if Self.isMetadataName(name) || (entry.size <= Self.maxDocumentBytes && Self.looksLikeJSON(firstBlock)) {
                    guard entry.size <= Self.maxDocumentBytes else { throw metadataTooLarge(name, entry.size) }
                    var bytes = [UInt8](firstBlock)
                    while let block = try outer.readBlock() { bytes.append(contentsOf: block) }
                    catalog.documents[name] = bytes
                    continue
                }
                catalog.blobs[name] = try scanPassing(outer, entry: entry, name: name, firstBlock: firstBlock, scanner: scanner(name))
            }
            catalog.notes.append(contentsOf: outer.warnings.map { "\(inputName): \($0)" })
        }
        return catalog
    }

    /// Runs `body`, turning whatever it throws into this input's `ImageLoadingError`.
    private func guarded<T>(_ body: () throws -> T) throws(ImageLoadingError) -> T {
        do {
            return try body()
        } catch let error as ArchiveError {
            throw wrap(error)
        } catch let error as ImageLoadingError {
            throw error
        } catch {
            throw ImageLoadingError(input: inputName, problem: .corrupt("\(error)"))
        }
    }

    /// Scans the entry under the outer reader as a layer, if it is an archive at all.
    private func scanPassing(
        _ outer: ArchiveReader, entry: ArchiveEntry, name: String, firstBlock: UnsafeRawBufferPointer,
        scanner: LayerScanner
    ) throws -> TarballCatalog.Blob {
        let sizer = LayerWireSizer(scanner.compressedSize, layerName: name, prefix: firstBlock, length: entry.size)
        let source = EntryDataSource(outer: outer, prefix: [UInt8](firstBlock), observer: sizer.observer)
        let inner: ArchiveReader
        do {
            inner = try ArchiveReader.open(source: source)
        } catch let error as ArchiveError where LayerScanner.classify(error) == .notATarball(error.description) {
            return .opaque(length: entry.size, reason: "not an archive")
        }
        do {
            var scan = try scanner.scan(inner)
            try source.drain()
            scan.storedBytes = source.bytesRead
            scan.computedCompressedSize = sizer.finish()
            if let note = sizer.note { scan.notes.append(note) }
            return .scanned(scan)
        } catch let failure as LayerScanFailure {
            throw ImageLoadingError(input: inputName, problem: failure.problem, layer: name)
        }
    }

    // MARK: OCI layout directories

    /// Lists an OCI image layout directory: `index.json`, `oci-layout` and `blobs/<alg>/<hex>`.
    func readDirectory(_ root: String) throws(ImageLoadingError) -> TarballCatalog {
        var catalog = TarballCatalog()
        let manager = FileSystem()
        for name in ["index.json", "oci-layout", "manifest.json"] {
            let full = root + "/" + name
            guard let size = manager.regularFileSize(full) else { continue }
            guard size <= Self.maxDocumentBytes else { throw metadataTooLarge(name, size) }
            do {
                catalog.documents[name] = try manager.read(full)
            } catch {
                throw ImageLoadingError(input: inputName, problem: .cannotOpen("\(name): \(error)"))
            }
        }
        for algorithm in manager.list(root + "/blobs") {
            for hex in manager.list(root + "/blobs/" + algorithm) {
                let relative = "blobs/\(algorithm)/\(hex)"
                let full = root + "/" + relative
                guard let size = manager.regularFileSize(full) else { continue }
                if size <= Self.maxDocumentBytes, manager.startsLikeJSON(full) {
                    do {
                        catalog.documents[relative] = try manager.read(full)
                    } catch {
                        throw ImageLoadingError(input: inputName, problem: .cannotOpen("\(relative): \(error)"))
                    }
                } else {
                    catalog.blobs[relative] = .file(path: full, length: size)
                }
            }
        }
        return catalog
    }
}
