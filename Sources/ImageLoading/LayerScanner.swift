import ArchiveIO
import ImageModel
import WireSize

/// Reads one layer archive header by header: sizes come from headers, bodies are skipped unless
/// the capture policy asks for them.
struct LayerScanner {
    /// The largest size a tar entry may declare before we call it absurd: 1 PB. Real layers are far
    /// smaller, and this keeps every sum far from Int64 overflow.
    static let maxEntryBytes: Int64 = 1 << 50

    var capture: CapturePolicy
    /// How to size the layer on the wire if it is stored uncompressed (used by stream reads).
    var compressedSize: CompressedSizeOptions = .stored
    /// Names the layer in errors and notes.
    var layerName: String
    /// Where to report bytes read, if anyone is watching.
    var meter: ProgressMeter? = nil
    /// Names the layer in progress reports ("layer 3").
    var progressLabel = ""
    /// Which large files to identify for duplicate detection, and how; nil: none.
    var digests: DigestPolicy? = nil

    /// Scans `reader` to its end. Throws `ImageLoadingError.Problem`s via `LayerScanFailure`.
    func scan(_ reader: ArchiveReader) throws(LayerScanFailure) -> LayerScan {
        var scan = LayerScan()
        var sawStargzIndex = false
        // One note per layer, not per entry: a layer written with absolute names has thousands.
        var absoluteNames = 0
        var firstAbsolute = ""
        var tap = meter.map { ProgressTap(meter: $0, label: progressLabel) }
        // Headers met, stargz's index included: how a re-read finds an entry again.
        var headers = -1
        do {
            while let header = try reader.nextHeader() {
                scan.entryCount += 1
                headers += 1
                tap?.tick(reader.rawBytesConsumed)
                guard header.size >= 0, header.size <= Self.maxEntryBytes else {
                    throw LayerScanFailure(.absurdSize(entry: header.path, bytes: header.size))
                }
                // Nearly every name is ASCII and already in normal form: a file or a directory so
                // named goes from libarchive's bytes into the packed entries, with no String made.
                if header.kind == .regular || header.kind == .directory, let stored = header.asciiPath,
                    let bytes = EntryPath.plainForm(stored)
                {
                    let regular = header.kind == .regular
                    try take(
                        header, kind: regular ? .regular : .directory, size: regular ? header.size : 0, linkTarget: nil, bytes: bytes,
                        path: String(decoding: bytes, as: UTF8.self), reader: reader, entry: headers, into: &scan,
                        sawStargzIndex: &sawStargzIndex)
                    continue
                }
                let path: String
                let hasWhiteoutPrefix: Bool
                switch EntryPath.normalise(header.path) {
                case .hostile(let reason):
                    throw LayerScanFailure(.hostilePath(entry: header.path, reason: reason))
                case .path(let normalised, let wasAbsolute, let whiteout):
                    if wasAbsolute {
                        if absoluteNames == 0 { firstAbsolute = "absolute entry name '\(header.path)' read as '/\(normalised)'" }
                        absoluteNames += 1
                    }
                    path = normalised
                    hasWhiteoutPrefix = whiteout
                }
                if path.isEmpty { continue }  // the "." root entry
                guard let record = Self.record(for: header, at: path, whiteoutPrefix: hasWhiteoutPrefix) else { continue }
                var utf8 = record.path
                try utf8.withUTF8 {
                    try take(
                        header, kind: record.kind, size: record.size, linkTarget: record.linkTarget, bytes: $0, path: record.path,
                        reader: reader, entry: headers, into: &scan, sawStargzIndex: &sawStargzIndex)
                }
            }
            if absoluteNames > 0 {
                let others = absoluteNames > 1 ? " (and \(absoluteNames - 1) more absolute names)" : ""
                scan.notes.append("layer \(layerName): \(firstAbsolute)\(others)")
            }
            scan.notes.append(contentsOf: reader.warnings.map { "layer \(layerName): \($0)" })
        } catch let failure as LayerScanFailure {
            throw failure
        } catch let error as ArchiveError {
            throw LayerScanFailure(Self.classify(error))
        } catch {
            throw LayerScanFailure(.corrupt("\(error)"))
        }
        scan.tarBytes = reader.uncompressedBytesConsumed
        scan.storedBytes = reader.rawBytesConsumed
        tap?.done(scan.storedBytes)
        let filters = reader.compressionFilters
        if filters.isEmpty {
            scan.compression = .none
        } else if filters == ["gzip"] {
            scan.compression = sawStargzIndex ? .estargz : .gzip
        } else if filters == ["zstd"] {
            scan.compression = .zstd
        } else {
            scan.compression = .other
        }
        scan.entries.seal()
        return scan
    }

    /// Adds one entry by its normalised path (`bytes`; the `path` string is made from them only
    /// if needed). A method with `inout` state, not a local function: locals a local function
    /// captures are boxed, and every access to them was checked for exclusivity at run time.
    private func take(
        _ header: ArchiveReader.Header, kind: LayerEntry.Kind, size: Int64, linkTarget: String?, bytes: UnsafeBufferPointer<UInt8>,
        path: @autoclosure () -> String, reader: ArchiveReader, entry: Int, into scan: inout LayerScan, sawStargzIndex: inout Bool
    ) throws {
        if kind == .regular {
            if Self.isStargzIndex(bytes) {
                // estargz's table of contents: metadata of the layer format, not content.
                sawStargzIndex = true
                scan.entryCount -= 1
                return
            }
            try regularFile(header, bytes: bytes, path: path(), reader: reader, entry: entry, into: &scan)
        }
        scan.entries.append(path: bytes, kind: kind, size: size, linkTarget: linkTarget)
    }

    /// What a regular file adds to the scan besides its entry: its count and bytes, its contents
    /// when the capture policy wants them, its identity when it is large enough to be a duplicate.
    /// `bytes` is `path` as UTF-8 (the normalised path); the `path` string is only kept for the
    /// rare files that are captured or identified, and is built only for them (an autoclosure).
    private func regularFile(
        _ header: ArchiveReader.Header, bytes: UnsafeBufferPointer<UInt8>, path: @autoclosure () -> String,
        reader: ArchiveReader, entry: Int, into scan: inout LayerScan
    ) throws {
        scan.fileCount += 1
        scan.contentBytes += header.size
        // Where the data starts: the reader has consumed the headers and nothing more.
        let identified = digests.map { header.size >= $0.minBytes } ?? false
        let dataOffset = identified ? reader.uncompressedBytesConsumed : 0
        var contents: [UInt8]? = nil
        if capture.maxBytes > 0, capture.matches(bytes) {
            if header.size <= capture.maxBytes {
                contents = try reader.readAll(limit: Int(capture.maxBytes))
                scan.captured[path()] = contents
            } else {
                // Nothing the accountant wanted may go missing silently.
                scan.notes.append(
                    "layer \(layerName): /\(path()) is \(header.size) bytes, over the \(capture.maxBytes)-byte limit"
                        + " on files read for accounting; its contents are not read")
            }
        }
        if identified, let digests {
            // A later entry at the same path replaces an earlier one, as in the merge.
            scan.largeFiles[path()] = header.isSparse ? nil : LargeFile(
                size: header.size,
                identity: try digests.identify(reader, size: header.size, dataOffset: dataOffset, entry: entry, captured: contents))
        }
    }

    private static let stargzIndexName = Array("stargz.index.json".utf8)

    /// Asked of every regular file: one length check, and `memcmp` (see `sameBytes`).
    private static func isStargzIndex(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        stargzIndexName.withUnsafeBufferPointer { path.sameBytes(as: $0) }
    }

    /// Turns a header into a record; nil for AUFS metadata, which is neither a file nor a whiteout.
    private static func record(for entry: ArchiveReader.Header, at path: String, whiteoutPrefix: Bool) -> LayerEntry? {
        if whiteoutPrefix, let marker = whiteoutRecord(at: path) { return marker.kind == .other ? nil : marker }
        switch entry.kind {

        case .regular:
            return LayerEntry(path: path, kind: .regular, size: entry.size, linkTarget: nil)
        case .directory:
            return LayerEntry(path: path, kind: .directory, size: 0, linkTarget: nil)
        case .symlink:
            return LayerEntry(path: path, kind: .symlink, size: 0, linkTarget: entry.linkTarget)
        case .hardlink:
            var target: String? = nil
            if let stored = entry.linkTarget, case .path(let normalised, _, _) = EntryPath.normalise(stored) {
                target = normalised
            }
            return LayerEntry(path: path, kind: .hardlink, size: 0, linkTarget: target)
        case .other:
            return LayerEntry(path: path, kind: .other, size: 0, linkTarget: nil)
        }
    }

    /// The record for a path with a ".wh." component: a whiteout, an opaque marker, or (kind
    /// `.other`) AUFS metadata to drop; nil when the ".wh." component is not the last one and is
    /// not AUFS metadata (an ordinary file under a directory that happens to be named so).
    private static func whiteoutRecord(at path: String) -> LayerEntry? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        if components.dropLast().contains(where: { $0.hasPrefix(".wh..wh.") }) {
            return LayerEntry(path: path, kind: .other, size: 0, linkTarget: nil)  // inside .wh..wh.plnk/ and the like
        }
        guard let base = components.last, base.hasPrefix(".wh.") else { return nil }
        let parent = components.dropLast().joined(separator: "/")
        if base == ".wh..wh..opq" {
            return LayerEntry(path: parent, kind: .opaque, size: 0, linkTarget: nil)
        }
        if base.hasPrefix(".wh..wh.") {
            return LayerEntry(path: path, kind: .other, size: 0, linkTarget: nil)  // .wh..wh.aufs, .orph, .plnk
        }
        let name = base.dropFirst(4)
        return LayerEntry(path: parent.isEmpty ? String(name) : parent + "/" + name, kind: .whiteout, size: 0, linkTarget: nil)
    }

    /// Maps the reader's typed failures onto the problems users can act on.
    static func classify(_ error: ArchiveError) -> ImageLoadingError.Problem {
        switch error.kind {
        case .truncated: return .truncated(error.description)
        case .unrecognizedFormat: return .notATarball(error.description)
        case .readFailed: return .cannotOpen(error.description)
        case .corrupt, .tooLarge: return .corrupt(error.description)
        }
    }
}

/// A problem found while scanning one layer; the loader adds the input and layer names.
struct LayerScanFailure: Error {
    var problem: ImageLoadingError.Problem
    init(_ problem: ImageLoadingError.Problem) { self.problem = problem }
}
