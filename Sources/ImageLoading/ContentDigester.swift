import Crypto
import ImageModel
import Parallelism
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Gives a SHA-256 digest to each final file that may have an identical copy at another path of
/// the merged filesystem, reading as little as it can (see `LargeFileIdentity` for what the layer
/// scans noted):
///
/// 1. Only regular files of at least `minBytes` whose size another such final file shares are
///    candidates; superseded copies are not final files, so they are never counted twice.
/// 2. Candidates in uncompressed layers of a seekable input are read again by byte range (`pread`
///    of the tar entry's data), several at once.
/// 3. Candidates in compressed layers and streams already carry their SHA-256 from the scan.
///
/// SHA-256 (BoringSSL, with the CPU's SHA extensions where it has them) is the identity: it is
/// collision-resistant, so a group is never made of different bytes, and it is the digest users
/// can check with `sha256sum`.
struct ContentDigester: Sendable {
    /// Where a layer's blob can be read again.
    enum Location: Sendable {
        /// A byte range of the input file (`descriptor`).
        case range(offset: Int64, length: Int64)
        /// A file of an OCI layout directory.
        case file(path: String, length: Int64)
    }

    var minBytes: Int64
    /// Per layer of the image, bottom first; nil where the layer cannot be read again (a stream).
    var locations: [Location?]
    var descriptor: Int32
    var parallelism: Int

    private struct Candidate {
        var path: String
        var size: Int64
        var layer: Int
        var identity: LargeFileIdentity
    }

    /// The digests of the candidates of `files`, by final path, and notes on files that could not be
    /// read again (those are left out, never guessed).
    func digests(_ files: FileList, scans: [LayerScan]) -> (digests: [String: String], notes: [String]) {
        var bySize: [Int64: [Candidate]] = [:]
        for position in files.indices where files.kind(at: position) == .regular && files.sizeBytes(at: position) >= minBytes {
            let size = files.sizeBytes(at: position)
            let layer = files.layer(at: position)
            guard layer < scans.count else { continue }
            let path = files[position].path
            guard let large = scans[layer].largeFiles[String(path.dropFirst())], large.size == size else { continue }
            bySize[size, default: []].append(Candidate(path: path, size: size, layer: layer, identity: large.identity))
        }
        let candidates = bySize.values.filter { $0.count > 1 }.flatMap { $0 }.sorted { $0.path < $1.path }
        guard !candidates.isEmpty else { return ([:], []) }

        var digests: [String: String] = [:]
        var notes: [String] = []
        var ranged: [(index: Int, offset: Int64)] = []
        for (index, candidate) in candidates.enumerated() {
            switch candidate.identity {
            case .digest(let digest): digests[candidate.path] = digest
            case .dataAt(let offset): ranged.append((index, offset))
            }
        }
        let work = ranged
        let results = ParallelWork.map(count: work.count, limit: parallelism) { [self] item in
            let candidate = candidates[work[item].index]
            return hashRange(layer: candidate.layer, offset: work[item].offset, size: candidate.size)
        }
        for (item, range) in ranged.enumerated() {
            let path = candidates[range.index].path
            switch results[item] {
            case .success(let digest): digests[path] = digest
            case .failure(let failure): notes.append("duplicate files: \(path) could not be read again (\(failure.reason)); not compared")
            }
        }
        return (digests, notes)
    }

    struct Failure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Opens the layer's blob: the descriptor, the blob's offset and length, and whether to close it.
    private func open(layer: Int) -> Result<(descriptor: Int32, offset: Int64, length: Int64, owned: Bool), Failure> {
        switch layer < locations.count ? locations[layer] : nil {
        case .range(let offset, let length)?:
            return .success((descriptor, offset, length, false))
        case .file(let path, let length)?:
            let file = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { return .failure(Failure(String(cString: strerror(errno)))) }
            return .success((file, 0, length, true))
        case nil:
            return .failure(Failure("the layer was read from a stream"))
        }
    }

    private func hashRange(layer: Int, offset: Int64, size: Int64) -> Result<String, Failure> {
        let blob: (descriptor: Int32, offset: Int64, length: Int64, owned: Bool)
        switch open(layer: layer) {
        case .success(let opened): blob = opened
        case .failure(let failure): return .failure(failure)
        }
        defer { if blob.owned { close(blob.descriptor) } }
        guard offset >= 0, offset + size <= blob.length else { return .failure(Failure("the file lies outside its layer")) }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var done: Int64 = 0
        while done < size {
            let wanted = Int(min(Int64(buffer.count), size - done))
            let got: Int
            do {
                got = try FileDescriptor(rawValue: blob.descriptor).read(
                    fromAbsoluteOffset: blob.offset + offset + done, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
            } catch {
                return .failure(Failure("\(error)"))
            }
            if got == 0 { return .failure(Failure("the file ends early")) }
            let block = UnsafeRawBufferPointer(rebasing: buffer[0..<got])
            hasher.update(bufferPointer: block)
            done += Int64(got)
        }
        return .success(DigestPolicy.text(hasher.finalize()))
    }
}
