/// Sizes as people write them in baselines: `"500MB"`, `"1.2GB"`, `"512MiB"`, `"0B"`, or an integer
/// number of bytes. Decimal units are powers of 1000 (as `docker images` prints them), binary units
/// powers of 1024. Units are case-insensitive and may follow the number after one space.
public enum ByteSize {
    /// Why a size did not parse; the text says what is accepted.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var text: String
        public var reason: String
        public var description: String { "'\(text)' is not a size: \(reason)" }
    }

    /// Bytes per unit, by lower-cased unit name.
    static let units: [(name: String, bytes: Int64)] = [
        ("b", 1),
        ("kb", 1_000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("tb", 1_000_000_000_000),
        ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("tib", 1 << 40),
    ]

    static let accepted = "write a number and a unit (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB), e.g. \"500MB\", or integer bytes"

    /// Parses `text`; fractions of a byte round to the nearest byte ("1.1MiB" = 1,153,434).
    public static func parse(_ text: String) throws(ParseError) -> Int64 {
        var rest = Substring(text)
        var digits = ""
        var fraction = ""
        while let first = rest.first, first.isASCII, first.isNumber {
            digits.append(first)
            rest.removeFirst()
        }
        if rest.first == "." {
            rest.removeFirst()
            while let first = rest.first, first.isASCII, first.isNumber {
                fraction.append(first)
                rest.removeFirst()
            }
            if fraction.isEmpty { throw ParseError(text: text, reason: "expected digits after '.'") }
        }
        if digits.isEmpty {
            let reason = text.hasPrefix("-") ? "sizes cannot be negative" : accepted
            throw ParseError(text: text, reason: reason)
        }
        if rest.first == " " { rest.removeFirst() }
        let unitName = rest.lowercased()
        let multiplier: Int64
        if unitName.isEmpty {
            guard fraction.isEmpty else {
                throw ParseError(text: text, reason: "a number without a unit is bytes and must be whole")
            }
            multiplier = 1
        } else if let unit = units.first(where: { $0.name == unitName }) {
            multiplier = unit.bytes
        } else {
            throw ParseError(text: text, reason: "unknown unit '\(rest)'; \(accepted)")
        }
        guard let whole = Int64(digits) else { throw ParseError(text: text, reason: "too large") }
        let (wholeBytes, overflow) = whole.multipliedReportingOverflow(by: multiplier)
        if overflow { throw ParseError(text: text, reason: "too large") }
        guard !fraction.isEmpty else { return wholeBytes }
        // Exact decimal arithmetic: fraction digits scaled by the multiplier, then rounded.
        let kept = String(fraction.prefix(12))
        guard let numerator = Int64(kept) else { throw ParseError(text: text, reason: "too many decimals") }
        var denominator: Int64 = 1
        for _ in 0..<kept.count { denominator *= 10 }
        let (scaled, scaledOverflow) = numerator.multipliedReportingOverflow(by: multiplier)
        let fractionBytes: Int64
        if scaledOverflow {
            fractionBytes = Int64((Double(numerator) / Double(denominator) * Double(multiplier)).rounded())
        } else {
            fractionBytes = (scaled + denominator / 2) / denominator
        }
        let (total, totalOverflow) = wholeBytes.addingReportingOverflow(fractionBytes)
        if totalOverflow { throw ParseError(text: text, reason: "too large") }
        return total
    }
}
