/// A glob over one name (a path component or a package name): `*` matches any run of characters,
/// including none, `?` exactly one; every other character matches itself. Globs without `?`
/// match on UTF-8 bytes; a `?` stands for one Unicode scalar, so those match scalar by scalar.
struct NameGlob: Sendable, Equatable {
    /// The text split at each `*`: one piece for a literal, `["lib", ""]` for "lib*".
    let pieces: [[UInt8]]
    let text: String
    /// The pattern's scalars when it holds a `?` (nil otherwise).
    private let scalars: [Unicode.Scalar]?
    /// Bytes every match starts with.
    let prefix: [UInt8]
    /// Bytes every match ends with (empty for a literal, whose prefix is the whole text).
    let suffix: [UInt8]

    init(_ text: String) {
        self.text = text
        pieces = text.utf8.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
        if text.contains("?") {
            scalars = Array(text.unicodeScalars)
            let bytes = Array(text.utf8)
            let wild: (UInt8) -> Bool = { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
            prefix = Array(bytes.prefix { !wild($0) })
            suffix = Array(bytes.reversed().prefix { !wild($0) }.reversed())
        } else {
            scalars = nil
            prefix = pieces[0]
            suffix = pieces.count > 1 ? pieces[pieces.count - 1] : []
        }
    }

    /// A name matched exactly, whatever characters it holds (a WORKDIR component).
    init(literal text: String) {
        self.text = text
        pieces = [Array(text.utf8)]
        scalars = nil
        prefix = pieces[0]
        suffix = []
    }

    var isLiteral: Bool { pieces.count == 1 && scalars == nil }
    var isAnything: Bool { pieces.count == 2 && pieces[0].isEmpty && pieces[1].isEmpty }

    func matches(_ name: String) -> Bool {
        var copy = name
        return copy.withUTF8 { matches($0) }
    }

    func matches(_ name: Substring) -> Bool {
        var copy = name
        return copy.withUTF8 { matches($0) }
    }

    func matches(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        if let scalars {
            guard let text = String(validating: name, as: UTF8.self) else { return false }
            return Self.matchScalars(scalars[...], Array(text.unicodeScalars)[...])
        }
        if pieces.count == 1 { return Self.equal(name, 0, name.count, pieces[0]) }
        let first = pieces[0]
        let last = pieces[pieces.count - 1]
        guard name.count >= first.count + last.count else { return false }
        guard Self.equal(name, 0, first.count, first), Self.equal(name, name.count - last.count, name.count, last) else {
            return false
        }
        // Middle pieces, leftmost-first between the prefix and the suffix: greedy is exact for `*`.
        var position = first.count
        let end = name.count - last.count
        for piece in pieces[1..<(pieces.count - 1)] {
            guard let found = Self.find(piece, in: name, from: position, to: end) else { return false }
            position = found + piece.count
        }
        return true
    }

    static func equal(_ name: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ bytes: [UInt8]) -> Bool {
        guard end - start == bytes.count else { return false }
        var index = 0
        while index < bytes.count {
            if name[start + index] != bytes[index] { return false }
            index += 1
        }
        return true
    }

    private static func find(_ piece: [UInt8], in name: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        if piece.isEmpty { return from }
        var start = from
        while start + piece.count <= end {
            if equal(name, start, start + piece.count, piece) { return start }
            start += 1
        }
        return nil
    }

    /// Backtracking match of a glob with `?` (rare: only people's own patterns have one).
    private static func matchScalars(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case "*":
            var tail = text
            while true {
                if matchScalars(pattern.dropFirst(), tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        case "?":
            return !text.isEmpty && matchScalars(pattern.dropFirst(), text.dropFirst())
        default:
            return text.first == first && matchScalars(pattern.dropFirst(), text.dropFirst())
        }
    }
}
