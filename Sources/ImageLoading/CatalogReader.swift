import ArchiveIO
import ImageModel

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

    /// Names an image layout defines for its documents. These are kept as documents when they pass
    /// in a stream even when they do not parse, so that the error can say what is wrong with them.
    static func isLayoutDocument(_ path: String) -> Bool {
        path == "manifest.json" || path == "index.json" || path == "oci-layout" || path == "repositories"
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
                    // Every entry is a blob; a manifest decides later which ones are documents.
                    catalog.blobs[name] = .range(offset: outer.uncompressedBytesConsumed, length: entry.size)
                case .directory, .other:
                    break
                }
            }
            catalog.notes.append(contentsOf: outer.warnings.map { "\(inputName): \($0)" })
            return false
        }
        return compressed ? nil : catalog
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
                    if Self.isLayoutDocument(name) { catalog.documents[name] = [] }
                    catalog.blobs[name] = .opaque(length: 0, reason: "empty file")
                    continue
                }
                guard entry.size <= Self.maxDocumentBytes else {
                    if Self.isLayoutDocument(name) { throw metadataTooLarge(name, entry.size) }
                    catalog.blobs[name] = try scanPassing(outer, entry: entry, name: name, firstBlock: firstBlock, scanner: scanner(name))
                    continue
                }
                // A small entry may be a document or a layer, and a stream cannot come back to it:
                // read it whole, keep it if it is a document, and scan it if it is an archive.
                var bytes = [UInt8](firstBlock)
                while let block = try outer.readBlock() { bytes.append(contentsOf: block) }
                let signature = bytes.withUnsafeBytes { BlobSignature($0) }
                if !signature.isArchive && (Self.isLayoutDocument(name) || JSONOutline.parses(bytes)) {
                    catalog.documents[name] = bytes
                    catalog.blobs[name] = .opaque(length: entry.size, reason: "a JSON document, not an archive")
                    continue
                }
                catalog.blobs[name] = try bytes.withUnsafeBytes { whole in
                    try scanPassing(outer, entry: entry, name: name, firstBlock: whole, scanner: scanner(name))
                }
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
        } catch let error as ArchiveError where error.kind == .unrecognizedFormat {
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

    /// Lists an image layout directory: OCI (`index.json`, `oci-layout`, `blobs/<alg>/<hex>`) or
    /// skopeo's `dir:` (`manifest.json`, `version`, blobs named by their hex digest). Every file is a
    /// blob; documents are read when a manifest names them.
    func readDirectory(_ root: String) throws(ImageLoadingError) -> TarballCatalog {
        var catalog = TarballCatalog()
        let manager = FileSystem()
        var relatives = manager.list(root)
        for algorithm in manager.list(root + "/blobs") {
            relatives += manager.list(root + "/blobs/" + algorithm).map { "blobs/\(algorithm)/\($0)" }
        }
        for relative in relatives {
            if let size = manager.regularFileSize(root + "/" + relative) {
                catalog.blobs[relative] = .file(path: root + "/" + relative, length: size)
                catalog.topLevelNames.insert(String(relative.split(separator: "/")[0]))
            }
        }
        return catalog
    }
}
