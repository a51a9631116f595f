/// A strict JSON parser (RFC 8259) that keeps object key order and reports errors by line and column.
public struct JSONParser {
    public struct SyntaxError: Error, Equatable, CustomStringConvertible, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    private static let maxDepth = 256
    /// Set by `keyLines`: the 1-based line of each object key, by dotted key path.
    private var keyLines: [String: Int]?
    private var keyPath: [String] = []
    private var lineCount = (position: 0, line: 1)

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The line each object key is on, by dotted key path ("limits.warn",
    /// "categories.dev-dependencies.fail", "items[2].name"), so that a message about a key can point
    /// at its line (GitHub annotations do). Throws what `parse` throws.
    public static func keyLines(_ bytes: [UInt8]) throws(SyntaxError) -> [String: Int] {
        var parser = JSONParser(bytes)
        parser.keyLines = [:]
        parser.skipSpace()
        _ = try parser.value()
        parser.skipSpace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return parser.keyLines ?? [:]
    }

    /// The line of `offset`, counted on from the last offset asked for (keys come in order).
    private mutating func line(at offset: Int) -> Int {
        var (from, line) = lineCount
        if from > offset { (from, line) = (0, 1) }
        for byte in bytes[from..<min(offset, bytes.count)] where byte == 0x0A { line += 1 }
        lineCount = (offset, line)
        return line
    }

    private func joinedPath(_ last: String) -> String {
        var text = ""
        for component in keyPath + [last] {
            if !text.isEmpty, !component.hasPrefix("[") { text += "." }
            text += component
        }
        return text
    }

    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private func error(_ message: String) -> SyntaxError {
        var line = 1
        var column = 1
        for byte in bytes[0..<min(position, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SyntaxError(line: line, column: column, message: message)
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func value() throws(SyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected character '\(Character(UnicodeScalar(bytes[position])))'")
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
        let utf8 = Array(word.utf8)
        guard position + utf8.count <= bytes.count, Array(bytes[position..<(position + utf8.count)]) == utf8 else {
            throw error("expected '\(word)'")
        }
        position += utf8.count
        return value
    }

    private mutating func object() throws(SyntaxError) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth)") }
        position += 1
        var members: [JSONMember] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
            let keyStart = position
            let key = try string()
            if keyLines != nil {
                let path = joinedPath(key)
                let line = line(at: keyStart)
                keyLines?[path] = line
            }
            if members.contains(where: { $0.key == key }) { throw error("duplicate key '\(key)'") }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':' after key '\(key)'") }
            position += 1
            skipSpace()
            keyPath.append(key)
            members.append(JSONMember(key, try value()))
            keyPath.removeLast()
            skipSpace()
            guard position < bytes.count else { throw error("unexpected end of input in an object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func array() throws(SyntaxError) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth)") }
        position += 1
        var items: [JSONValue] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipSpace()
            keyPath.append("[\(items.count)]")
            items.append(try value())
            keyPath.removeLast()
            skipSpace()
            guard position < bytes.count else { throw error("unexpected end of input in a list") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func string() throws(SyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            if !run.isEmpty {
                scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                run.removeAll(keepingCapacity: true)
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                flush()
                return String(scalars)
            }
            if byte < 0x20 { throw error("control character in a string") }
            if byte != UInt8(ascii: "\\") {
                run.append(byte)
                position += 1
                continue
            }
            flush()
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"): scalars.append(try unicodeEscape(hex4()))
            default: throw error("invalid escape in a string")
            }
        }
        throw error("unterminated string")
    }

    /// The scalar a `\uXXXX` escape stands for, `code` being its value; a high surrogate takes
    /// the low surrogate escape that follows it. JSON text written by JavaScript may hold lone or
    /// mismatched surrogates (`JSON.parse` accepts them), so each becomes U+FFFD rather than an
    /// error that would make the whole document unreadable; an escape after a high surrogate that
    /// is not a low surrogate is read again as its own character (`"\uD800\u0041"` reads as U+FFFD then "A").
    private mutating func unicodeEscape(_ code: UInt32) throws(SyntaxError) -> UnicodeScalar {
        if (0xD800...0xDBFF).contains(code), position + 1 < bytes.count,
            bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
        {
            let second = position
            position += 2
            let low = try hex4()
            if (0xDC00...0xDFFF).contains(low), let pair = UnicodeScalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)) {
                return pair
            }
            position = second
        }
        // Surrogates are not scalars: nil here for any surrogate left unpaired.
        return UnicodeScalar(code) ?? "\u{FFFD}"
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("short \\u escape") }
        var code: UInt32 = 0
        for byte in bytes[position..<(position + 4)] {
            guard let digit = Character(UnicodeScalar(byte)).hexDigitValue else { throw error("bad \\u escape") }
            code = code * 16 + UInt32(digit)
        }
        position += 4
        return code
    }

    private mutating func number() throws(SyntaxError) -> JSONValue {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        func digits() -> Int {
            let begin = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return position - begin
        }
        guard digits() > 0 else { throw error("expected digits") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard digits() > 0 else { throw error("expected digits after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw error("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger {
            guard let value = Int64(text) else { throw error("integer \(text) is out of range") }
            return .int(value)
        }
        guard let value = Double(text) else { throw error("bad number \(text)") }
        return .double(value)
    }
}
