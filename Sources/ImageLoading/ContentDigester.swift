import ArchiveIO
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
/// 2. Candidates in uncompressed layers are read again by byte range (`pread` of the tar entry's
///    data) for their SHA-256 and CRC-64.
/// 3. Candidates in compressed layers carry a CRC-64 from the scan; only those whose size and CRC
///    another candidate shares are read again, one pass per layer that inflates up to the last of
///    them, for their SHA-256. A CRC match is not trusted alone: CRCs are easy to forge.
/// 4. Candidates from streams already carry their SHA-256.
///
/// SHA-256 (BoringSSL, with the CPU's SHA extensions where it has them) is the identity: a group is
/// reported only when digests agree, and the digest is what users can check with `sha256sum`.
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
        var checksums: [Int: UInt64] = [:]
        var notes: [String] = []
        // 2. Byte ranges of uncompressed layers, several at once.
        let ranged = candidates.indices.filter { if case .dataAt = candidates[$0].identity { return true } else { return false } }
        let rangeResults = ParallelWork.map(count: ranged.count, limit: parallelism) { [self] item in
            let candidate = candidates[ranged[item]]
            guard case .dataAt(let offset) = candidate.identity else { return Result<(String, UInt64), Failure>.failure(Failure("no range")) }
            return hashRange(layer: candidate.layer, offset: offset, size: candidate.size)
        }
        for (item, index) in ranged.enumerated() {
            switch rangeResults[item] {
            case .success(let (digest, checksum)):
                digests[candidates[index].path] = digest
                checksums[index] = checksum
            case .failure(let failure):
                notes.append("duplicate files: \(candidates[index].path) could not be read again (\(failure.reason)); not compared")
            }
        }
        // 3. Compressed layers: re-read only where size and CRC-64 agree with another candidate.
        for (index, candidate) in candidates.enumerated() {
            if case .checksum(let value, _) = candidate.identity { checksums[index] = value }
            if case .digest(let digest) = candidate.identity { digests[candidate.path] = digest }
        }
        struct SizeAndChecksum: Hashable {
            var size: Int64
            var checksum: UInt64
        }
        var sharing: [SizeAndChecksum: Int] = [:]
        for (index, checksum) in checksums { sharing[SizeAndChecksum(size: candidates[index].size, checksum: checksum), default: 0] += 1 }
        var wanted: [Int: [Int: Int]] = [:]  // layer -> header position -> candidate
        for (index, candidate) in candidates.enumerated() {
            guard case .checksum(let value, let entry) = candidate.identity else { continue }
            if sharing[SizeAndChecksum(size: candidate.size, checksum: value), default: 0] > 1 {
                wanted[candidate.layer, default: [:]][entry] = index
            }
        }
        let layers = wanted.keys.sorted()
        let work = layers.map { wanted[$0] ?? [:] }
        let layerResults = ParallelWork.map(count: layers.count, limit: parallelism) { [self] item in
            rehash(layer: layers[item], entries: work[item])
        }
        for (item, layer) in layers.enumerated() {
            switch layerResults[item] {
            case .success(let found):
                for (index, digest) in found { digests[candidates[index].path] = digest }
            case .failure(let failure):
                notes.append("duplicate files: layer \(layer) could not be read again (\(failure.reason)); its files are not compared")
            }
        }
        return (digests, notes)
    }

    struct Failure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Where a layer's blob lies: the descriptor to read, the blob's offset and length in it.
    private struct Blob {
        var descriptor: Int32
        var offset: Int64
        var length: Int64
    }

    /// Runs `body` on the layer's blob, opening (and afterwards closing) its file when the layer
    /// is a file of its own.
    private func withBlob<T>(layer: Int, _ body: (Blob) -> Result<T, Failure>) -> Result<T, Failure> {
        switch layer < locations.count ? locations[layer] : nil {
        case .range(let offset, let length)?:
            return body(Blob(descriptor: descriptor, offset: offset, length: length))
        case .file(let path, let length)?:
            let file = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { return .failure(Failure(String(cString: strerror(errno)))) }
            defer { close(file) }
            return body(Blob(descriptor: file, offset: 0, length: length))
        case nil:
            return .failure(Failure("the layer was read from a stream"))
        }
    }

    private func hashRange(layer: Int, offset: Int64, size: Int64) -> Result<(String, UInt64), Failure> {
        withBlob(layer: layer) { blob in hashRange(blob, offset: offset, size: size) }
    }

    private func hashRange(_ blob: Blob, offset: Int64, size: Int64) -> Result<(String, UInt64), Failure> {
        guard offset >= 0, offset + size <= blob.length else { return .failure(Failure("the file lies outside its layer")) }
        var hasher = SHA256()
        var checksum = Checksum64()
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
            checksum.update(block)
            done += Int64(got)
        }
        return .success((ImageDigest.sha256(hasher.finalize()), checksum.value))
    }

    /// Inflates a compressed layer again up to its last wanted entry, hashing the wanted ones.
    private func rehash(layer: Int, entries: [Int: Int]) -> Result<[Int: String], Failure> {
        withBlob(layer: layer) { blob in rehash(blob, entries: entries) }
    }

    private func rehash(_ blob: Blob, entries: [Int: Int]) -> Result<[Int: String], Failure> {
        guard let last = entries.keys.max() else { return .success([:]) }
        var found: [Int: String] = [:]
        do {
            let source = FileRangeSource(descriptor: blob.descriptor, offset: blob.offset, length: blob.length)
            let reader = try ArchiveReader.open(source: source)
            var header = -1
            while header < last, try reader.next() != nil {
                header += 1
                guard let index = entries[header] else { continue }
                var hasher = SHA256()
                while let block = try reader.readBlock() { hasher.update(bufferPointer: block) }
                found[index] = ImageDigest.sha256(hasher.finalize())
            }
        } catch {
            return .failure(Failure("\(error)"))
        }
        return .success(found)
    }
}
