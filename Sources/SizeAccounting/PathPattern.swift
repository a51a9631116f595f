/// The one path-pattern language of Plimsoll: the accountant's rules files and the gate's
/// `ignorePaths` both use it.
///
/// - `/var/cache/apt/`: a trailing slash means the directory: every file below it.
/// - `/etc/ld.so.cache`: no trailing slash means that path: the file, or, when it is a directory,
///   everything below it (as in `.gitignore`), so `/root/.npm` and `/root/.npm/` cover the same files.
/// - `*` inside a segment matches any run of characters within that one name, `?` one character:
///   `/home/*/.npm/`, `/usr/lib/*/libcudnn*`, `/app/v?/`.
/// - `**` as a whole segment matches any number of segments, none included: `/app/**/*.map`.
///   At the start, `**/` means "at any depth": `**/.git/`, `**/.next/cache/`, `**/*.onnx`.
/// - `{workdir}/` at the start stands for the image's WORKDIR (the pattern is dropped when the
///   WORKDIR is empty or `/`); `{home}/` for `/root` and every `/home/*`.
///
/// Matching is case-sensitive, like the filesystem.
public struct PathPattern: Sendable, Equatable, CustomStringConvertible {
    enum Anchor: Sendable, Equatable {
        case root
        case workdir
        case home
        case anywhere
    }

    /// One segment: a name glob, or `**`.
    enum Segment: Sendable, Equatable {
        case name(NameGlob)
        case anyDepth

        var glob: NameGlob? {
            if case .name(let glob) = self { return glob }
            return nil
        }
    }

    /// Why a pattern was rejected.
    public struct Invalid: Error, Equatable, Sendable {
        public var reason: String
    }

    /// The pattern as written.
    public let text: String
    var anchor: Anchor
    /// The segments after the anchor.
    var segments: [Segment]
    /// True for a trailing slash: the pattern names a directory and claims only what is below it.
    var isDirectory: Bool

    init(text: String, anchor: Anchor, segments: [Segment], isDirectory: Bool) {
        self.text = text
        self.anchor = anchor
        self.segments = segments
        self.isDirectory = isDirectory
    }

    public init(parsing text: String) throws(Invalid) {
        var rest = Substring(text)
        if rest.hasPrefix("**/") {
            anchor = .anywhere
            rest = rest.dropFirst(3)
        } else if rest.hasPrefix("{workdir}/") {
            anchor = .workdir
            rest = rest.dropFirst("{workdir}/".count)
        } else if rest.hasPrefix("{home}/") {
            anchor = .home
            rest = rest.dropFirst("{home}/".count)
        } else if rest.hasPrefix("/") {
            anchor = .root
            rest = rest.dropFirst()
        } else {
            throw Invalid(reason: "a pattern starts with '/', '**/', '{workdir}/' or '{home}/', as in \"/root/.npm/\" or \"/app/**/*.map\"")
        }
        isDirectory = rest.hasSuffix("/")
        if isDirectory { rest = rest.dropLast() }
        if rest.isEmpty { throw Invalid(reason: "the pattern names no file or directory") }
        var segments: [Segment] = []
        for name in rest.split(separator: "/", omittingEmptySubsequences: false) {
            if name.isEmpty { throw Invalid(reason: "empty path segment ('//')") }
            if name == "." || name == ".." { throw Invalid(reason: "'.' and '..' segments are not allowed") }
            if name == "**" {
                segments.append(.anyDepth)
                continue
            }
            if name.contains("**") { throw Invalid(reason: "'**' must be a whole segment, as in \"/app/**/test/\"") }
            if name.contains("{") || name.contains("}") {
                throw Invalid(reason: "'{workdir}' and '{home}' are allowed only at the start")
            }
            segments.append(.name(NameGlob(String(name))))
        }
        if segments.last == .anyDepth {
            throw Invalid(reason: "a pattern cannot end with '**': name the directory instead (\"/app/cache/\")")
        }
        self.text = text
        self.segments = segments
    }

    public var description: String { text }

    /// True when a `**` follows the anchor: the accountant's tables cannot index such a pattern
    /// and test it path by path.
    var hasInnerAnyDepth: Bool { segments.contains(.anyDepth) }

    /// The root-anchored (or anywhere) patterns this pattern stands for in an image whose WORKDIR
    /// has `workdir` as components (nil: empty or "/").
    func expanded(workdir: [String]?) -> [PathPattern] {
        func rooted(_ prefix: [Segment]) -> PathPattern {
            PathPattern(text: text, anchor: .root, segments: prefix + segments, isDirectory: isDirectory)
        }
        switch anchor {
        case .root, .anywhere:
            return [self]
        case .workdir:
            guard let workdir, !workdir.isEmpty else { return [] }
            return [rooted(workdir.map { .name(NameGlob(literal: $0)) })]
        case .home:
            return [rooted([.name(NameGlob(literal: "root"))]), rooted([.name(NameGlob(literal: "home")), .name(NameGlob("*"))])]
        }
    }

    /// True when the absolute `path` ("/app/x.js") is claimed: the pattern matches it (a file
    /// pattern only) or a directory above it. `workdir` expands `{workdir}`, as for the accountant.
    public func matches(_ path: String, workdir: String = "/") -> Bool {
        PathPatternSet([self], workdir: workdir).matches(path)
    }

    /// For an expanded (root or anywhere) pattern: true when the path of `components` is claimed.
    func claims(_ components: ArraySlice<Substring>) -> Bool {
        // A directory pattern claims what is strictly below a match; a file pattern also the match.
        let longest = isDirectory ? components.count - 1 : components.count
        guard longest >= 1 else { return false }
        for length in 1...longest where matchesExactly(components.prefix(length)) { return true }
        return false
    }

    /// For an expanded (root or anywhere) pattern: true when it matches exactly the path of
    /// `components`, not counting what is below.
    func matchesExactly(_ components: ArraySlice<Substring>) -> Bool {
        guard !components.isEmpty else { return false }
        return Self.match((anchor == .anywhere ? [.anyDepth] + segments : segments)[...], components)
    }

    private static func match(_ pattern: ArraySlice<Segment>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .anyDepth:
            var tail = path
            while true {
                if match(pattern.dropFirst(), tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        case .name(let glob):
            guard let name = path.first, glob.matches(name) else { return false }
            return match(pattern.dropFirst(), path.dropFirst())
        }
    }
}

/// Patterns expanded once for one image's WORKDIR, so that testing every file of the image splits
/// each path once and expands no pattern again (the gate's `ignorePaths`).
public struct PathPatternSet: Sendable {
    private let expanded: [PathPattern]

    public init(_ patterns: [PathPattern], workdir: String) {
        let components = workdir.split(separator: "/").map(String.init)
        expanded = patterns.flatMap { $0.expanded(workdir: components.isEmpty ? nil : components) }
    }

    /// True when some pattern claims the absolute `path`.
    public func matches(_ path: String) -> Bool {
        let components = path.split(separator: "/")[...]
        return expanded.contains { $0.claims(components) }
    }
}
