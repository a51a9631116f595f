/// Normalises tar entry names into the loader's path form and rejects names that cannot exist in
/// a container filesystem.
enum EntryPath {
    /// Linux's PATH_MAX: no container runtime can create a longer path.
    static let maxLength = 4096

    enum Outcome: Equatable {
        /// The normalised path ("" for the root) and whether the stored name was absolute.
        case path(String, wasAbsolute: Bool)
        case hostile(String)
    }

    /// "./app//x/" -> "app/x"; "/etc/x" -> "etc/x" (absolute); "a/../../x" -> hostile.
    static func normalise(_ name: String) -> Outcome {
        if name.utf8.count > maxLength {
            return .hostile("name is \(name.utf8.count) bytes, longer than the \(maxLength)-byte path limit")
        }
        let wasAbsolute = name.hasPrefix("/")
        // Fast path: most names have no ".", "..", empty or leading-slash components.
        if !wasAbsolute, !name.hasPrefix("./"), !name.contains("//"), !name.contains("/."),
            !name.hasPrefix("."), !name.hasSuffix("/")
        {
            return .path(name, wasAbsolute: false)
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
        return .path(parts.joined(separator: "/"), wasAbsolute: wasAbsolute)
    }
}
