import Foundation
import StableJSON
import Testing

/// The writer prints every Double as valid JSON without trapping; Foundation's JSONSerialization is
/// the independent reader of what it prints.
@Suite struct JSONWriterTests {
    /// The number Foundation reads back from the writer's output.
    private func readBack(_ value: Double) throws -> Double? {
        let text = JSONWriter.compact(.array([.double(value)]))
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any]
        let item = try #require(parsed?.first, "\(text) is a one-element list")
        if item is NSNull { return nil }
        return try #require((item as? NSNumber)?.doubleValue, "\(text)")
    }

    @Test func nonFiniteValuesAreNull() throws {
        for value in [Double.nan, -Double.nan, .infinity, -.infinity, .signalingNaN] {
            #expect(JSONWriter.compact(.double(value)) == "null")
            #expect(try readBack(value) == nil)
        }
    }

    @Test func hugeValuesRoundTrip() throws {
        // The trap of issue 9: integer-valued doubles of 1e15 and more, and everything up to the
        // largest finite Double. These print in Swift's shortest form, which reads back exactly.
        let values: [Double] = [
            1e15, -1e15, 1e15 + 2, 9.007_199_254_740_993e15, 1e18, 9.3e18, 1e19, -1e19, 1.5e300, .greatestFiniteMagnitude,
            -.greatestFiniteMagnitude, 123_456_789_012.5, 999_999_999_999.75, 1e12, 5e14 + 0.5,
        ]
        for value in values {
            #expect(try readBack(value) == value, "\(value) prints as \(JSONWriter.compact(.double(value)))")
            #expect(try JSONParser.parse(JSONWriter.compact(.double(value))).doubleValue == value)
        }
    }

    @Test func ordinaryValuesKeepSixDecimals() throws {
        let values: [Double] = [0, -0.0, 0.5, -0.5, 1.25, 3.141_592_653_589, 999_999_999_999.4, -2.000_000_4, 1e-7, -1e-7,
                                .leastNonzeroMagnitude, 42]
        for value in values {
            let back = try #require(try readBack(value))
            #expect(abs(back - value) <= 5e-7, "\(value) prints as \(JSONWriter.compact(.double(value)))")
        }
        #expect(JSONWriter.compact(.double(1.25)) == "1.25")
        #expect(JSONWriter.compact(.double(42)) == "42")
        #expect(JSONWriter.compact(.double(-1e-7)) == "0", "no negative zero")
    }

    @Test func integersAndStringsAreExact() throws {
        let value: JSONValue = ["max": .int(Int64.max), "min": .int(Int64.min), "text": "tab\t\"q\" \u{01} \u{1F600} \\"]
        let text = JSONWriter.pretty(value)
        #expect(try JSONParser.parse(text) == value)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["max"] as? NSNumber)?.int64Value == Int64.max)
        #expect(object["text"] as? String == "tab\t\"q\" \u{01} \u{1F600} \\")
    }
}
