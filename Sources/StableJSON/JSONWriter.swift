/// Serialises `JSONValue`s: pretty (two-space indent, one member per line) or compact.
public enum JSONWriter {
    public static func pretty(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, pretty: true, into: &output)
        output += "\n"
        return output
    }

    public static func compact(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, pretty: false, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, pretty: Bool, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += format(number)
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            if items.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (position, item) in items.enumerated() {
                if position > 0 { output += "," }
                if pretty { newline(indent + 1, into: &output) }
                write(item, indent: indent + 1, pretty: pretty, into: &output)
            }
            if pretty { newline(indent, into: &output) }
            output += "]"
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { output += "," }
                if pretty { newline(indent + 1, into: &output) }
                writeString(member.key, into: &output)
                output += pretty ? ": " : ":"
                write(member.value, indent: indent + 1, pretty: pretty, into: &output)
            }
            if pretty { newline(indent, into: &output) }
            output += "}"
        }
    }

    private static func newline(_ indent: Int, into output: inout String) {
        output += "\n"
        for _ in 0..<indent { output += "  " }
    }

    /// Doubles print with up to 6 decimals and no trailing zeros, so they are stable across runs.
    /// JSON has no NaN or infinity: those print as null. Magnitudes from `fixedLimit` up print as
    /// Swift's shortest round-trip form ("1e+15", "15000000000000.0"), which is valid JSON too:
    /// six fixed decimals of them would not fit the Int64 that `format6` counts in.
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        if abs(number) >= fixedLimit { return number.description }
        var text = String(format6: number)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Below this, `abs(number) * 1_000_000` stays far inside Int64 (whose limit is about 9.2e18).
    static let fixedLimit = 1e12

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        // Most strings (paths, names, digests) need no escape: appended whole, not scalar by scalar
        // (which cost about a thousand instructions a byte of output).
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

extension String {
    /// Fixed six decimals without Foundation; `abs(number)` must be below `JSONWriter.fixedLimit`.
    init(format6 number: Double) {
        let negative = number < 0
        let scaled = (abs(number) * 1_000_000).rounded()
        let whole = Int64(scaled / 1_000_000)
        let fraction = Int64(scaled) - whole * 1_000_000
        let digits = String(fraction)
        self = (negative ? "-" : "") + String(whole) + "." + String(repeating: "0", count: 6 - digits.count) + digits
    }
}
