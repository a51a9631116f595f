import ArchiveIO
import Foundation
import ImageLoading
import Parallelism
import Testing

/// ISA-L's inflater against libarchive's own gzip filter (zlib) on the same bytes: what each
/// lists, and whether each fails. The gzip streams are written by libarchive's writer (zlib).
@Suite struct GzipInflaterTests {
    /// Hands out `bytes` in blocks of `chunk` bytes, so headers straddle blocks at every offset.
    final class ChunkedSource: ArchiveByteSource {
        private let bytes: [UInt8]
        private let chunk: Int
        private var offset = 0
        private let buffer: UnsafeMutableRawBufferPointer

        init(_ bytes: [UInt8], chunk: Int) {
            self.bytes = bytes
            self.chunk = chunk
            buffer = .allocate(byteCount: chunk, alignment: 16)
        }

        deinit { buffer.deallocate() }

        func read() throws -> UnsafeRawBufferPointer {
            let count = min(chunk, bytes.count - offset)
            guard count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)])) }
            offset += count
            return UnsafeRawBufferPointer(rebasing: buffer[0..<count])
        }
    }

    struct Listing: Equatable, CustomStringConvertible {
        /// "path size checksum" per entry, in order.
        var entries: [String] = []
        var tarBytes: Int64 = 0
        var filters: [String] = []
        /// The error, when reading failed.
        var error: String?
        var description: String { "\(entries.count) entries, \(tarBytes) tar bytes, \(filters), error: \(error ?? "none")" }
    }

    /// Reads every entry and every data byte, with ISA-L (`isal`) or with libarchive's zlib;
    /// `readAhead`: ISA-L inflating on a thread of its own (with a budget of its own, so that a core
    /// is free for it whatever else the tests run).
    static func list(_ bytes: [UInt8], chunk: Int = 1 << 16, isal: Bool, readAhead: Bool = false) -> Listing {
        var listing = Listing()
        do {
            let chunked = ChunkedSource(bytes, chunk: chunk)
            let inflater = readAhead ? GzipInflatingSource(chunked, readAhead: true, budget: CoreBudget(cores: 2)) : nil
            let reader = try ArchiveReader.open(source: inflater ?? chunked, inflatingGzip: isal)
            defer {
                // A gzip stream (the only kind that reads ahead) started its thread.
                if let inflater, inflater.isInflating, !inflater.isReadingAhead { listing.error = "did not read ahead" }
            }
            while let entry = try reader.next() {
                var sum: UInt64 = 14_695_981_039_346_656_037
                while let block = try reader.readBlock() {
                    for byte in block { sum = (sum ^ UInt64(byte)) &* 1_099_511_628_211 }
                }
                listing.entries.append("\(entry.path) \(entry.size) \(sum)")
            }
            listing.tarBytes = reader.uncompressedBytesConsumed
            listing.filters = reader.compressionFilters
        } catch {
            listing.error = "\(error)"
        }
        return listing
    }

    /// gzip through libarchive's raw writer (zlib).
    static func gzip(_ bytes: some Collection<UInt8>) throws -> [UInt8] {
        try LayerEncodingTests.gzip(Array(bytes))
    }

    /// A layer tar of files of every compressibility: text, pseudo-random bytes, zeros, empty.
    static func layer(scale: Int = 1) throws -> [UInt8] {
        var state: UInt32 = 2_463_534_242
        func random(_ count: Int) -> [UInt8] {
            (0..<count).map { _ in
                state ^= state << 13; state ^= state >> 17; state ^= state << 5
                return UInt8(truncatingIfNeeded: state)
            }
        }
        let text = Array(String(repeating: "let answer = 42 // the plimsoll line\n", count: 400 * scale).utf8)
        return try HandMadeTarball.layer([
            ("app/main.swift", text), ("app/blob.bin", random(30_000 * scale)), ("app/zeros", [UInt8](repeating: 0, count: 50_000 * scale)),
            ("app/empty", []), ("app/deep/er/name-\(String(repeating: "x", count: 120)).txt", random(777)),
        ])
    }

    /// Both readers agree entry for entry, and ISA-L reads the same with read-ahead as without,
    /// failure for failure; returns the ISA-L listing.
    @discardableResult
    static func expectSame(_ bytes: [UInt8], chunk: Int = 1 << 16, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) -> Listing {
        let isal = list(bytes, chunk: chunk, isal: true)
        let zlib = list(bytes, chunk: chunk, isal: false)
        let ahead = list(bytes, chunk: chunk, isal: true, readAhead: true)
        #expect(ahead == isal, "\(label): read-ahead \(ahead) vs inline \(isal)", sourceLocation: sourceLocation)
        #expect((isal.error == nil) == (zlib.error == nil), "\(label): ISA-L \(isal) vs libarchive \(zlib)", sourceLocation: sourceLocation)
        // After a failure, how far each got depends on its block sizes; only successes must match.
        if isal.error == nil && zlib.error == nil {
            #expect(isal.entries == zlib.entries, "\(label): entries differ", sourceLocation: sourceLocation)
            #expect(isal.tarBytes == zlib.tarBytes, "\(label): \(isal) vs \(zlib)", sourceLocation: sourceLocation)
            #expect(isal.filters == zlib.filters, "\(label): \(isal) vs \(zlib)", sourceLocation: sourceLocation)
        }
        return isal
    }

    @Test func singleAndConcatenatedMembersAtEveryBlockSize() throws {
        let tar = try Self.layer()
        let single = try Self.gzip(tar)
        let cuts = [tar.count / 7, tar.count / 2, tar.count - 1_000]
        let split = try Self.gzip(tar[..<cuts[0]]) + Self.gzip(tar[cuts[0]..<cuts[1]]) + Self.gzip(tar[cuts[1]..<cuts[2]])
            + Self.gzip(tar[cuts[2]...])
        for chunk in [1, 3, 10, 4_093, 1 << 16] {
            let one = Self.expectSame(single, chunk: chunk, "one member, \(chunk)-byte blocks")
            #expect(one.error == nil && one.entries.count == 5 && one.filters == ["gzip"], "\(one)")
            let four = Self.expectSame(split, chunk: chunk, "four members, \(chunk)-byte blocks")
            #expect(four.entries == one.entries)
        }
    }

    @Test func readAheadThroughAFullRing() throws {
        // Megabytes of output: the ring (8 blocks of 256 KiB) fills and the producer waits for the reader.
        let tar = try Self.layer(scale: 40)
        let stream = try Self.gzip(tar[..<(tar.count / 3)]) + Self.gzip(tar[(tar.count / 3)...])
        let listing = Self.expectSame(stream, "two members, \(tar.count) tar bytes")
        #expect(listing.error == nil && listing.tarBytes == Int64(tar.count), "\(listing)")
        // A reader that stops after the first entry: releasing it stops the producer (blocked on a
        // full ring), joins it, and gives its core back to the budget.
        let budget = CoreBudget(cores: 2)
        weak var released: GzipInflatingSource?
        func readFirstEntry() throws -> (entry: String?, readingAhead: Bool, coresFree: Int) {
            let inflater = GzipInflatingSource(ChunkedSource(stream, chunk: 1 << 16), readAhead: true, budget: budget)
            released = inflater
            let reader = try ArchiveReader.open(source: inflater)
            let entry = try reader.next()
            return (entry?.path, inflater.isReadingAhead, budget.available)
        }
        let first = try readFirstEntry()
        #expect(first.entry == "app/main.swift" && first.readingAhead && first.coresFree == 0, "\(first)")
        #expect(released == nil, "the running producer does not keep the source alive")
        #expect(budget.available == 1, "the producer was joined and gave its core back")
    }

    @Test func estargzTableOfContentsMember() throws {
        let body = try Self.layer()
        let toc = try HandMadeTarball.layer([("stargz.index.json", Array(#"{"version":1,"entries":[]}"#.utf8))])
        let listing = Self.expectSame(try Self.gzip(body) + Self.gzip(toc), "estargz")
        #expect(listing.entries.last?.hasPrefix("stargz.index.json ") == true, "\(listing)")
        #expect(listing.tarBytes == Int64(body.count + toc.count))
    }

    @Test func trailingBytesAfterTheLastMember() throws {
        let stream = try Self.gzip(try Self.layer())
        let tails: [(String, [UInt8])] = [
            ("zero padding", [UInt8](repeating: 0, count: 4_096)),
            ("garbage", (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }),
            ("a gzip magic and nothing else", [0x1F, 0x8B, 0x08]),
            ("a reserved flag", [0x1F, 0x8B, 0x08, 0xE0, 0, 0, 0, 0, 0, 3, 1, 2, 3]),
            ("a whole header and no data", [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3]),
            ("a header cut in its name", [0x1F, 0x8B, 0x08, 0x08, 0, 0, 0, 0, 0, 3, 0x61, 0x62]),
        ]
        for (label, tail) in tails {
            for chunk in [1, 7, 1 << 16] { Self.expectSame(stream + tail, chunk: chunk, "\(label), \(chunk)-byte blocks") }
        }
    }

    @Test func optionalHeaderFields() throws {
        let stream = try Self.gzip(try Self.layer())
        // FHCRC, FEXTRA, FNAME and FCOMMENT, in RFC 1952's order; the header CRC is not checked.
        var header: [UInt8] = [0x1F, 0x8B, 0x08, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3]
        header += [5, 0, 1, 2, 3, 4, 5] + Array("layer.tar".utf8) + [0] + Array("made by hand".utf8) + [0] + [0xAB, 0xCD]
        let rewritten = header + stream[10...]
        for chunk in [1, 5, 1 << 16] {
            let listing = Self.expectSame(rewritten, chunk: chunk, "all optional fields, \(chunk)-byte blocks")
            #expect(listing.error == nil && listing.entries.count == 5, "\(listing)")
        }
    }

    @Test func streamsThatAreNotGzipPassThrough() throws {
        let tar = try Self.layer()
        var zstd: [UInt8] = []
        let writer = try ArchiveWriter.create(format: .raw, filter: .zstd) { zstd.append(contentsOf: $0) }
        try writer.beginRawStream()
        try tar.withUnsafeBytes { try writer.writeRaw($0) }
        try writer.close()
        #expect(Self.expectSame(tar, "plain tar").filters == [])
        #expect(Self.expectSame(zstd, "zstd").filters == ["zstd"])
        Self.expectSame(Array(tar.prefix(5)), chunk: 1, "five bytes")
        Self.expectSame([], "empty")
    }

    @Test func truncatedStreamsFailBothWays() throws {
        let tar = try Self.layer()
        let stream = try Self.gzip(tar[..<(tar.count / 2)]) + Self.gzip(tar[(tar.count / 2)...])
        for cut in [5, 10, 11, 200, stream.count / 3, stream.count / 2, stream.count - 9, stream.count - 4, stream.count - 1] {
            let listing = Self.expectSame(Array(stream.prefix(cut)), "cut at \(cut) of \(stream.count)")
            #expect(listing.error != nil, "cut at \(cut): \(listing)")
        }
        let deflateCut = Self.list(Array(stream.prefix(stream.count / 3)), isal: true)
        #expect(deflateCut.error?.contains("truncated gzip input") == true, "\(deflateCut)")
        #expect(Self.list(Array(stream.prefix(stream.count / 3)), isal: true, readAhead: true) == deflateCut)
    }

    @Test func corruptDeflateDataAndChecksumsFail() throws {
        let stream = try Self.gzip(try Self.layer())
        var corrupt = stream
        for index in stride(from: 40, to: corrupt.count - 20, by: 97) { corrupt[index] ^= 0x5A }
        let listing = Self.list(corrupt, isal: true)
        #expect(listing.error?.contains("gzip decompression failed") == true, "\(listing)")
        #expect(Self.list(corrupt, isal: true, readAhead: true) == listing)
        // A wrong CRC-32 in the trailer: the data inflates, the check fails (libarchive skips it).
        var badCRC = stream
        badCRC[badCRC.count - 8] ^= 0xFF
        let checked = Self.list(badCRC, isal: true)
        #expect(checked.error?.contains("CRC-32") == true, "\(checked)")
        #expect(Self.list(badCRC, isal: true, readAhead: true) == checked)
        #expect(Self.list(badCRC, isal: false).error == nil, "libarchive does not check the trailer")
    }

    @Test func badChecksumNamesTheLayer() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var blob = try Self.gzip(try Self.layer())
        blob[blob.count - 3] ^= 0x01  // the length field
        var tarball = HandMadeTarball.legacy(layers: ["l1/layer.tar"])
        tarball.add("l1/layer.tar", blob)
        let path = directory + "/bad-crc.tar"
        try tarball.write(to: path)
        do {
            _ = try ImageLoader().load(.path(path))
            Issue.record("a layer with a wrong gzip length loaded")
        } catch {
            #expect(error.description.hasPrefix(path) && error.description.contains("layer l1/layer.tar"), "\(error)")
            #expect(error.description.contains("does not match its data"), "\(error)")
        }
    }
}
