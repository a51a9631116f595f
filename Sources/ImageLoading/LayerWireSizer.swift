import ArchiveIO
import ImageModel
import SystemPackage
import WireSize

#if canImport(Glibc)
import Glibc
#endif

/// Computes the compressed size of a layer the tarball stores uncompressed, in the pass that scans
/// it (issue: "Pull size").
///
/// `exact` deflates every byte as the scan's byte source hands it to libarchive (the source then
/// refuses to skip, so every byte passes once). `estimate` deflates sampled pieces: of a file range
/// by its own `pread`s after the header-only scan, which it leaves undisturbed; of a stream as the
/// pieces pass. Blobs stored compressed get nothing: their stored size stands. A zlib failure
/// leaves the size unknown and says why in a note, rather than failing the whole analysis.
final class LayerWireSizer {
    private enum Work {
        case none
        case exact(GzipCounter)
        case sampleRange(descriptor: Int32, offset: Int64, length: Int64, level: Int)
        case sampleStream(StreamSampler)
    }

    private var work: Work = .none
    private var failure: String?
    private let layerName: String

    /// A blob at `offset` of `descriptor`; its first bytes are read to tell compressed blobs apart.
    init(_ options: CompressedSizeOptions, layerName: String, descriptor: Int32, offset: Int64, length: Int64) {
        self.layerName = layerName
        guard options.mode != .stored, length > 0 else { return }
        var prefix = [UInt8](repeating: 0, count: Int(min(length, 8)))
        let got = (try? prefix.withUnsafeMutableBytes { try FileDescriptor(rawValue: descriptor).read(fromAbsoluteOffset: offset, into: $0) }) ?? 0
        guard got > 0 else { return }  // the scan reports the read error
        if prefix.withUnsafeBytes({ Self.isCompressed(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }) { return }
        switch options.mode {
        case .stored:
            break
        case .exact:
            start { () throws(WireSizeError) in .exact(try GzipCounter(level: options.gzipLevel)) }
        case .estimate:
            work = .sampleRange(descriptor: descriptor, offset: offset, length: length, level: options.gzipLevel)
        }
    }

    /// A blob passing in a stream: `prefix` is its first block, `length` its size from the header.
    init(_ options: CompressedSizeOptions, layerName: String, prefix: UnsafeRawBufferPointer, length: Int64) {
        self.layerName = layerName
        guard options.mode != .stored, length > 0, !Self.isCompressed(prefix) else { return }
        switch options.mode {
        case .stored:
            break
        case .exact:
            start { () throws(WireSizeError) in .exact(try GzipCounter(level: options.gzipLevel)) }
        case .estimate:
            start { () throws(WireSizeError) in
                .sampleStream(try StreamSampler(length: length, level: options.gzipLevel))
            }
        }
    }

    /// What the layer's byte source must call with every block it hands out; nil when this sizer
    /// does not read the scan's bytes (then the source may skip file bodies).
    var observer: ((UnsafeRawBufferPointer) -> Void)? {
        switch work {
        case .exact(let counter): return { counter.update($0) }
        case .sampleStream(let sampler): return { sampler.observe($0) }
        case .none, .sampleRange: return nil
        }
    }

    /// The figure once the scan has read (or drained) the whole blob; nil when none applies or it
    /// failed, with the reason in `note`.
    func finish() -> CompressedSizeFigure? {
        do {
            switch work {
            case .none:
                return nil
            case .exact(let counter):
                return CompressedSizeFigure(bytes: try counter.finish(), source: .exact)
            case .sampleStream(let sampler):
                return try sampler.finish()
            case .sampleRange(let descriptor, let offset, let length, let level):
                return try RangeSampler(level: level).figure(length: length) { position, buffer in
                    do {
                        return try FileDescriptor(rawValue: descriptor).read(fromAbsoluteOffset: offset + position, into: buffer)
                    } catch {
                        throw WireSizeError(call: "pread", status: (error as? Errno)?.rawValue ?? 0, message: "\(error)")
                    }
                }
            }
        } catch {
            failure = "\(error)"
            return nil
        }
    }

    /// Why no size was computed for a blob that should have had one.
    var note: String? {
        failure.map { "layer \(layerName): compressed size not computed: \($0)" }
    }

    private func start(_ make: () throws(WireSizeError) -> Work) {
        do {
            work = try make()
        } catch {
            failure = "\(error)"
        }
    }

    /// Leading bytes of the compression formats libarchive reads (gzip, zstd, bzip2, xz, lz4,
    /// lzip, compress). Anything else is read as a plain tar.
    static func isCompressed(_ prefix: UnsafeRawBufferPointer) -> Bool {
        let signatures: [[UInt8]] = [
            [0x1F, 0x8B], [0x28, 0xB5, 0x2F, 0xFD], [0x42, 0x5A, 0x68], [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00],
            [0x04, 0x22, 0x4D, 0x18], [0x4C, 0x5A, 0x49, 0x50], [0x1F, 0x9D],
        ]
        return signatures.contains { signature in
            prefix.count >= signature.count && zip(signature, prefix).allSatisfy { $0 == $1 }
        }
    }
}
