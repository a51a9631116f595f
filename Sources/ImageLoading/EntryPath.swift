/// Normalises tar entry names into the loader's path form and rejects names that cannot exist in
/// a container filesystem.
///
/// This runs once per tar entry, so it works on UTF-8 bytes in one pass and allocates only when a
/// name actually needs rewriting (Foundation's `String.contains` showed up as 10% of a profile).
enum EntryPath {
    /// Linux's PATH_MAX: no container runtime can create a longer path.
    static let maxLength = 4096

    enum Outcome: Equatable {
        /// The normalised path ("" for the root), whether the stored name was absolute, and whether
        /// some component starts with ".wh." (whiteout markers and AUFS metadata).
        case path(String, wasAbsolute: Bool, hasWhiteoutPrefix: Bool)
        case hostile(String)
    }

    private static let slash = UInt8(ascii: "/")
    private static let dot = UInt8(ascii: ".")

    /// "./app//x/" -> "app/x"; "/etc/x" -> "etc/x" (absolute); "a/../../x" -> hostile.
    static func normalise(_ name: String) -> Outcome {
        var utf8 = name.utf8
        if utf8.count > maxLength {
            return .hostile("name is \(utf8.count) bytes, longer than the \(maxLength)-byte path limit")
        }
        let scan = utf8.withContiguousStorageIfAvailable(inspect) ?? inspect(Array(utf8).withUnsafeBufferPointer { $0 })
        if scan.clean {
            return .path(name, wasAbsolute: false, hasWhiteoutPrefix: scan.whiteout)
        }
        var parts: [Substring] = []
        for part in name.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return .hostile("name climbs out of the image root with '..'") }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        utf8 = name.utf8
        return .path(parts.joined(separator: "/"), wasAbsolute: utf8.first == slash, hasWhiteoutPrefix: scan.whiteout)
    }

    /// The bytes `normalise` would return for a name that needs no rewriting beyond dropping a
    /// leading "./" or a trailing "/" (as tar writes directories), when it is not absolute and
    /// has no ".wh." component; nil for every other name. The name of nearly every entry, which
    /// the scanner then stores from these bytes, without a string.
    static func plainForm(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard bytes.count <= maxLength else { return nil }
        var start = 0
        var end = bytes.count
        if end >= 2, bytes[0] == dot, bytes[1] == slash { start = 2 }
        if end > start, bytes[end - 1] == slash { end -= 1 }
        guard end > start else { return nil }
        let plain = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let scan = inspect(plain)
        return scan.clean && !scan.whiteout ? plain : nil
    }

    /// One pass: is every component non-empty and neither "." nor ".."? Does one start with ".wh."?
    private static func inspect(_ bytes: UnsafeBufferPointer<UInt8>) -> (clean: Bool, whiteout: Bool) {
        var clean = true
        var whiteout = false
        var start = 0
        var index = 0
        let count = bytes.count
        while index <= count {
            if index == count || bytes[index] == slash {
                let length = index - start
                if length == 0 {
                    // Empty component: leading "/", "//" or trailing "/". An empty name is the root.
                    if count > 0 { clean = false }
                } else if bytes[start] == dot {
                    if length == 1 || (length == 2 && bytes[start + 1] == dot) {
                        clean = false
                    } else if length >= 4, bytes[start + 1] == UInt8(ascii: "w"), bytes[start + 2] == UInt8(ascii: "h"),
                        bytes[start + 3] == dot
                    {
                        whiteout = true
                    }
                }
                start = index + 1
            }
            index += 1
        }
        return (clean, whiteout)
    }
}
