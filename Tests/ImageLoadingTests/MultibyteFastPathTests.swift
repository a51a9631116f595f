import CMultibyte
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The executable's mbrtowc (CMultibyte) answers ASCII bytes itself and must say exactly what
/// glibc says: for every byte, for valid, overlong, truncated and mixed UTF-8, whole or fed one
/// byte at a time, in a UTF-8 locale and in the C locale.
@Suite struct MultibyteFastPathTests {
    @Test func theFastPathIsTheDefinitionInUse() {
        #expect(plimsoll_mbrtowc_is_interposed() != 0)
    }

    static let inputs: [[UInt8]] =
        (0...255).map { [UInt8($0)] } + [
            Array("usr/lib/node_modules/.pnpm/typescript@5.4.5/lib/tsc.js".utf8),
            Array("café/naïve/日本語/😀.txt".utf8),
            [0x61, 0xC3, 0xA9, 0x62],  // a é b
            [0xC3],  // truncated two-byte sequence
            [0xC3, 0x41],  // a lead byte, then ASCII
            [0xE6, 0x97, 0x41],  // a three-byte sequence cut by ASCII
            [0xC0, 0xAF],  // overlong "/"
            [0xED, 0xA0, 0x80],  // a UTF-16 surrogate
            [0xF4, 0x90, 0x80, 0x80],  // beyond U+10FFFF
            [0x41, 0x00, 0x42],  // NUL inside
            [0xFF, 0x2F, 0x66],
        ]

    @Test(arguments: ["C.UTF-8", "C"]) func agreesWithGlibc(localeName: String) throws {
        let locale = try #require(newlocale(LC_CTYPE_MASK, localeName, nil))
        defer { freelocale(locale) }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        for input in Self.inputs {
            for wholeInput in [true, false] {
                let ours = Self.decode(input, wholeInput: wholeInput) { mbrtowc($0, $1, $2, $3) }
                let glibc = Self.decode(input, wholeInput: wholeInput) { plimsoll_libc_mbrtowc($0, $1, $2, $3) }
                #expect(ours == glibc, "\(localeName) \(input) whole: \(wholeInput)")
            }
        }
    }

    /// Decodes as libarchive does (one shift state for the string), recording every call's result.
    private static func decode(
        _ input: [UInt8], wholeInput: Bool,
        _ convert: (UnsafeMutablePointer<wchar_t>, UnsafePointer<CChar>, Int, UnsafeMutablePointer<mbstate_t>) -> Int
    ) -> [String] {
        var state = mbstate_t()
        var calls: [String] = []
        input.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: CChar.self)
            var offset = 0
            while offset < bytes.count {
                var character: wchar_t = -1
                let available = wholeInput ? bytes.count - offset : 1
                let result = convert(&character, bytes.baseAddress! + offset, available, &state)
                calls.append("\(result):\(result >= 0 && result <= 4 ? Int(character) : -1):\(mbsinit(&state))")
                if result == 0 || result == -1 { break }
                offset += result == -2 ? available : result
            }
        }
        return calls
    }
}
