import Foundation
import Testing
import WireSize

/// `GzipCounter` against Python's zlib, run independently on the same bytes.
@Suite struct GzipCounterTests {
    /// Text, zeros, pseudo-random bytes and a mix: deflate behaves differently on each.
    static func sample(_ kind: String, count: Int) -> [UInt8] {
        var state: UInt64 = 0x1234_5678
        func nextByte() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        let words = Array("the quick brown fox jumps over a lazy dog while plimsoll counts bytes ".utf8)
        switch kind {
        case "zeros": return [UInt8](repeating: 0, count: count)
        case "random": return (0..<count).map { _ in nextByte() }
        case "text": return (0..<count).map { words[($0 * 7 + Int(nextByte() % 3)) % words.count] }
        default:
            return (0..<count).map { index in
                switch (index / 40_000) % 3 {
                case 0: return 0
                case 1: return nextByte()
                default: return words[index % words.count]
                }
            }
        }
    }

    @Test(arguments: ["zeros", "random", "text", "mixed"], [1, 6, 9])
    func matchesPythonZlib(kind: String, level: Int) throws {
        let bytes = Self.sample(kind, count: 700_001)
        let directory = try Scripts.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("data")
        try Data(bytes).write(to: file)
        let program = """
            import sys, zlib
            data = open(sys.argv[1], 'rb').read()
            c = zlib.compressobj(\(level), zlib.DEFLATED, 31)
            print(len(c.compress(data)) + len(c.flush()))
            """
        let output = try Scripts.run("python3", ["-c", program, file.path])
        let expected = Int64(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))

        let counter = try GzipCounter(level: level)
        // Uneven blocks: the count must not depend on how the bytes arrive.
        var offset = 0
        var step = 1
        bytes.withUnsafeBytes { all in
            while offset < all.count {
                let end = min(all.count, offset + step)
                counter.update(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                offset = end
                step = step * 3 + 17
            }
        }
        #expect(try counter.finish() == expected)
        #expect(counter.inputBytes == Int64(bytes.count))
    }

    @Test func emptyInputIsAnEmptyGzipMember() throws {
        // An empty gzip member from zlib: 10-byte header, 2 bytes of empty final block, 8-byte trailer.
        #expect(try GzipCounter(level: 6).finish() == 20)
    }

    @Test func rawFormatIsGzipWithoutItsWrapper() throws {
        let bytes = Self.sample("mixed", count: 300_000)
        let gzip = try GzipCounter(level: 6)
        let raw = try GzipCounter(level: 6, format: .raw)
        bytes.withUnsafeBytes {
            gzip.update($0)
            raw.update($0)
        }
        #expect(try gzip.finish() - raw.finish() == GzipCounter.gzipWrapperBytes)
    }

    @Test func resetStartsAFreshCountAndADictionaryHelps() throws {
        let text = Self.sample("text", count: 64 * 1024)
        let counter = try GzipCounter(level: 6, format: .raw)
        text.withUnsafeBytes { counter.update(UnsafeRawBufferPointer(rebasing: $0[32_768...])) }
        let cold = try counter.finish()
        try text.withUnsafeBytes { try counter.reset(dictionary: UnsafeRawBufferPointer(rebasing: $0[..<32_768])) }
        #expect(counter.outputBytes == 0)
        text.withUnsafeBytes { counter.update(UnsafeRawBufferPointer(rebasing: $0[32_768...])) }
        let primed = try counter.finish()
        #expect(primed < cold)
    }

    @Test func gzipFormatRejectsADictionary() throws {
        let counter = try GzipCounter(level: 6)
        let dictionary: [UInt8] = [1, 2, 3]
        #expect(throws: WireSizeError.self) {
            try dictionary.withUnsafeBytes { try counter.reset(dictionary: $0) }
        }
    }

    @Test func badLevelThrows() {
        #expect(throws: WireSizeError.self) { try GzipCounter(level: 42) }
    }
}
