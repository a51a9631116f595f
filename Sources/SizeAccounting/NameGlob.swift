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

/// Many name globs, each with a rule number, matched at once: finds the smallest rule number
/// whose glob matches. Literals are bucketed by length, and globs by their first (or, for globs
/// that start with `*`, last) one to three bytes, so a name is compared only with the few globs that
/// share its leading or trailing bytes: "l0_f12.js" meets none of the fourteen "lib*" globs.
struct NameMatcher: Sendable {
    private typealias Entry = (glob: NameGlob, rule: Int)
    private var literalsByLength: [[(bytes: [UInt8], rule: Int)]] = []
    private var byPrefix: [UInt32: [Entry]] = [:]
    private var prefixKeyLengths: [Int] = []
    private var bySuffix: [UInt32: [Entry]] = [:]
    private var suffixKeyLengths: [Int] = []
    private var unanchored: [Entry] = []
    private(set) var isEmpty = true

    init() {}

    mutating func add(_ glob: NameGlob, rule: Int) {
        isEmpty = false
        if glob.isLiteral {
            let length = glob.prefix.count
            if literalsByLength.count <= length { literalsByLength += Array(repeating: [], count: length + 1 - literalsByLength.count) }
            literalsByLength[length].append((glob.prefix, rule))
        } else if !glob.prefix.isEmpty {
            let length = min(3, glob.prefix.count)
            byPrefix[Self.key(glob.prefix[0..<length]), default: []].append((glob, rule))
            if !prefixKeyLengths.contains(length) { prefixKeyLengths.append(length) }
        } else if !glob.suffix.isEmpty {
            let length = min(3, glob.suffix.count)
            bySuffix[Self.key(glob.suffix[(glob.suffix.count - length)...]), default: []].append((glob, rule))
            if !suffixKeyLengths.contains(length) { suffixKeyLengths.append(length) }
        } else {
            unanchored.append((glob, rule))
        }
    }

    /// Up to three bytes and their count packed into one integer.
    private static func key<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var key = UInt32(bytes.count)
        for byte in bytes { key = key << 8 | UInt32(byte) }
        return key
    }

    private static func key(_ name: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> UInt32 {
        var key = UInt32(count)
        var index = start
        while index < start + count {
            key = key << 8 | UInt32(name[index])
            index += 1
        }
        return key
    }

    func match(_ name: String) -> Int? {
        var copy = name
        return copy.withUTF8 { match($0) }
    }

    func match(_ name: Substring) -> Int? {
        var copy = name
        return copy.withUTF8 { match($0) }
    }

    /// The smallest rule number whose glob matches `name`, or nil.
    func match(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        if isEmpty { return nil }
        var best: Int? = nil
        if name.count < literalsByLength.count {
            for candidate in literalsByLength[name.count] where NameGlob.equal(name, 0, name.count, candidate.bytes) {
                if best.map({ candidate.rule < $0 }) ?? true { best = candidate.rule }
            }
        }
        for length in prefixKeyLengths where name.count >= length {
            guard let candidates = byPrefix[Self.key(name, from: 0, count: length)] else { continue }
            for candidate in candidates where best.map({ candidate.rule < $0 }) ?? true && candidate.glob.matches(name) {
                best = candidate.rule
            }
        }
        for length in suffixKeyLengths where name.count >= length {
            guard let candidates = bySuffix[Self.key(name, from: name.count - length, count: length)] else { continue }
            for candidate in candidates where best.map({ candidate.rule < $0 }) ?? true && candidate.glob.matches(name) {
                best = candidate.rule
            }
        }
        for candidate in unanchored where best.map({ candidate.rule < $0 }) ?? true && candidate.glob.matches(name) {
            best = candidate.rule
        }
        return best
    }
}
