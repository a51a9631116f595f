/// A glob over one name (a path component or a package name): `*` matches any run of bytes,
/// including none; every other byte matches itself. Matching works on UTF-8 bytes.
struct NameGlob: Sendable, Equatable {
    /// The text split at each `*`: one piece for a literal, `["lib", ""]` for "lib*".
    let pieces: [[UInt8]]
    let text: String

    init(_ text: String) {
        self.text = text
        pieces = text.utf8.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    }

    var isLiteral: Bool { pieces.count == 1 }
    var isAnything: Bool { pieces.count == 2 && pieces[0].isEmpty && pieces[1].isEmpty }
    /// Bytes every match starts with.
    var prefix: [UInt8] { pieces[0] }
    /// Bytes every match ends with (empty for a literal, whose prefix is the whole text).
    var suffix: [UInt8] { pieces.count > 1 ? pieces[pieces.count - 1] : [] }

    func matches(_ name: String) -> Bool {
        var copy = name
        return copy.withUTF8 { matches($0) }
    }

    func matches(_ name: Substring) -> Bool {
        var copy = name
        return copy.withUTF8 { matches($0) }
    }

    func matches(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
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
}
