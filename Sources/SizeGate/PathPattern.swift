/// A glob over absolute final-filesystem paths, as `ignorePaths` entries are written.
///
/// `*` matches any characters within one path segment, `?` one character, `**` any number of
/// whole segments (including none). A pattern that matches a directory matches everything below
/// it, as in `.gitignore`: `/root/.npm` and `/root/.npm/` both cover `/root/.npm/_cacache/x`.
/// Matching is case-sensitive, like the filesystem.
public struct PathPattern: Sendable, Equatable, CustomStringConvertible {
    public var text: String
    private var segments: [String]

    /// Why a pattern was rejected.
    public struct Invalid: Error, Equatable, Sendable {
        public var reason: String
    }

    public init(_ text: String) throws(Invalid) {
        guard text.hasPrefix("/") else {
            throw Invalid(reason: "'\(text)' must be an absolute path such as \"/root/.npm/\" or \"/app/**/*.map\"")
        }
        var body = String(text.dropFirst())
        if body.hasSuffix("/") { body.removeLast() }
        if body.isEmpty { body = "**" }
        let segments = body.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.contains(where: \.isEmpty) {
            throw Invalid(reason: "'\(text)' has an empty path segment ('//')")
        }
        if segments.contains(where: { $0.contains("**") && $0 != "**" }) {
            throw Invalid(reason: "'\(text)': '**' must be a whole segment, as in \"/app/**/test/\"")
        }
        self.text = text
        self.segments = segments
    }

    public var description: String { text }

    /// True when the absolute `path` ("/app/x.js"), or a directory above it, matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        guard !parts.isEmpty else { return false }
        for length in 1...parts.count where Self.match(segments[...], parts[0..<length]) {
            return true
        }
        return false
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return true }
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(Array(first.unicodeScalars)[...], Array(segment.unicodeScalars)[...])
        else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case "*":
            var tail = text
            while true {
                if matchSegment(pattern.dropFirst(), tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        case "?":
            return !text.isEmpty && matchSegment(pattern.dropFirst(), text.dropFirst())
        default:
            return text.first == first && matchSegment(pattern.dropFirst(), text.dropFirst())
        }
    }
}
