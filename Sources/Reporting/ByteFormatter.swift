/// Formats byte counts for people. Decimal units by default, as `docker images` prints them
/// (1 MB = 1,000,000 bytes); binary units (MiB) on request. Three significant digits.
public struct ByteFormatter: Sendable {
    public enum Units: Sendable {
        case decimal
        case binary
    }

    public var units: Units

    public init(units: Units = .decimal) {
        self.units = units
    }

    /// "7.19 GB", "512 MiB", "999 B", "-1.2 MB".
    public func string(_ bytes: Int64) -> String {
        let sign = bytes < 0 ? "-" : ""
        let magnitude = bytes.magnitude
        let base: Double = units == .decimal ? 1000 : 1024
        let names = units == .decimal ? ["B", "kB", "MB", "GB", "TB", "PB", "EB"] : ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        if Double(magnitude) < base { return "\(sign)\(magnitude) B" }
        var value = Double(magnitude)
        var unit = 0
        while value >= base, unit < names.count - 1 {
            value /= base
            unit += 1
        }
        // Round to three significant digits; rounding may carry into the next unit (999.5 kB -> 1 MB).
        var text = Self.threeDigits(value)
        if text == "1000" || (units == .binary && value.rounded() >= 1024), unit < names.count - 1 {
            unit += 1
            text = Self.threeDigits(value / base)
        }
        return "\(sign)\(text) \(names[unit])"
    }

    /// A signed change: "+1.2 MB", "-300 kB", "0 B".
    public func delta(_ bytes: Int64) -> String {
        bytes > 0 ? "+" + string(bytes) : string(bytes)
    }

    static func threeDigits(_ value: Double) -> String {
        let decimals = value < 10 ? 2 : value < 100 ? 1 : 0
        return fixed(value, decimals: decimals)
    }

    /// `value` with `decimals` digits after the point, trailing zeros dropped ("1.50" -> "1.5").
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var whole = Int64(rounded.rounded(.towardZero))
        var fraction = Int64(((abs(rounded) - Double(abs(whole))) * scale).rounded())
        if Double(fraction) >= scale {
            whole += rounded < 0 ? -1 : 1
            fraction = 0
        }
        var text = String(whole)
        if rounded < 0 && whole == 0 { text = "-0" }
        if decimals > 0 && fraction > 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: decimals - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }
}

/// Grouped integers for exact byte counts: 7,190,000,000.
public func groupedInteger(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0 && (digits.count - offset) % 3 == 0 { result += "," }
        result.append(character)
    }
    return value < 0 ? "-" + result : result
}
