import StableJSON
import Testing

/// The parser on escapes that once trapped and on malformed input: every input gives a value or a
/// `SyntaxError`, never a crash.
@Suite struct JSONParserTests {
    private func string(_ json: String) throws -> String {
        let value = try JSONParser.parse(json)
        return try #require(value.stringValue, "\(json) parses to a string")
    }

    @Test func surrogatePairsJoin() throws {
        // U+1F600 is the pair D83D DE00; U+10000 and U+10FFFF are the ends of the pair range.
        #expect(try string(#""\uD83D\uDE00""#).unicodeScalars.map(\.value) == [0x1F600])
        #expect(try string(#""\uD800\uDC00""#).unicodeScalars.map(\.value) == [0x10000])
        #expect(try string(#""\uDBFF\uDFFF""#).unicodeScalars.map(\.value) == [0x10FFFF])
        #expect(try string(#""a\ud83d\ude00b""#) == "a\u{1F600}b", "lower-case hex")
    }

    @Test func loneAndMismatchedSurrogatesBecomeReplacementCharacters() throws {
        let replacement: UInt32 = 0xFFFD
        // A high surrogate followed by an escape that is not a low surrogate: the trap of issue 9.
        #expect(try string(#""\uD800\u0041""#).unicodeScalars.map(\.value) == [replacement, 0x41])
        #expect(try string(#""\uDBFF\uD800\uDC00""#).unicodeScalars.map(\.value) == [replacement, 0x10000])
        #expect(try string(#""\uD800\uD800""#).unicodeScalars.map(\.value) == [replacement, replacement])
        #expect(try string(#""\uD800\n""#).unicodeScalars.map(\.value) == [replacement, 0x0A])
        #expect(try string(#""\uD800""#).unicodeScalars.map(\.value) == [replacement], "high surrogate at the end")
        #expect(try string(#""\uD800x""#).unicodeScalars.map(\.value) == [replacement, 0x78])
        #expect(try string(#""\uDC00""#).unicodeScalars.map(\.value) == [replacement], "lone low surrogate")
        #expect(try string(#""\uDFFF\uDC00""#).unicodeScalars.map(\.value) == [replacement, replacement])
    }

    @Test func brokenEscapesAreSyntaxErrors() {
        for json in [#""\uD800\u00"#, #""\uD800\uZZZZ""#, #""\u12"#, #""\uD800\"#, #""\x""#, #""\"#] {
            #expect(throws: JSONParser.SyntaxError.self, "\(json)") { try JSONParser.parse(json) }
        }
    }

    @Test func numbersAtTheEdges() throws {
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int64.min))
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse("9223372036854775808") }
        #expect(try JSONParser.parse("1e400").doubleValue == .infinity, "overflows to infinity, no trap")
        #expect(try JSONParser.parse("-1e400").doubleValue == -.infinity)
        #expect(try JSONParser.parse("1e-400").doubleValue == 0)
    }

    @Test func malformedInputNeverTraps() {
        let inputs: [[UInt8]] = [
            [], [0xFF], [0x22, 0xC3], Array(repeating: UInt8(ascii: "["), count: 10_000), Array("{\"a\":".utf8),
            Array("[1,]".utf8), Array("{\"a\":1,\"a\":2}".utf8), Array("\"\u{01}\"".utf8), Array("-".utf8), Array("1.".utf8),
        ]
        for input in inputs {
            #expect(throws: JSONParser.SyntaxError.self, "\(input.prefix(8))") { try JSONParser.parse(input) }
        }
    }
}
