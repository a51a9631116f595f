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
        var best: Int? = nil
        visitMatches(name, skip: { rule in best.map { rule >= $0 } ?? false }) { rule in
            if best.map({ rule < $0 }) ?? true { best = rule }
        }
        return best
    }

    /// Every rule number whose glob matches `name`, in no particular order.
    func matchAll(_ name: Substring, _ found: (Int) -> Void) {
        var copy = name
        copy.withUTF8 { visitMatches($0, skip: { _ in false }, found) }
    }

    /// Calls `found` for each glob that matches `name`, testing only candidates `skip` keeps.
    private func visitMatches(_ name: UnsafeBufferPointer<UInt8>, skip: (Int) -> Bool, _ found: (Int) -> Void) {
        if isEmpty { return }
        if name.count < literalsByLength.count {
            for candidate in literalsByLength[name.count] where NameGlob.equal(name, 0, name.count, candidate.bytes) {
                found(candidate.rule)
            }
        }
        for length in prefixKeyLengths where name.count >= length {
            guard let candidates = byPrefix[Self.key(name, from: 0, count: length)] else { continue }
            for candidate in candidates where !skip(candidate.rule) && candidate.glob.matches(name) { found(candidate.rule) }
        }
        for length in suffixKeyLengths where name.count >= length {
            guard let candidates = bySuffix[Self.key(name, from: name.count - length, count: length)] else { continue }
            for candidate in candidates where !skip(candidate.rule) && candidate.glob.matches(name) { found(candidate.rule) }
        }
        for candidate in unanchored where !skip(candidate.rule) && candidate.glob.matches(name) { found(candidate.rule) }
    }
}
