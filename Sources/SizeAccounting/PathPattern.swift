/// A path pattern of a rules file.
///
/// - `/var/cache/apt/`: a trailing slash means the directory: every file below it.
/// - `/etc/ld.so.cache`: no trailing slash means that file.
/// - `*` inside a segment matches any run of characters within that one name:
///   `/home/*/.npm/`, `/usr/lib/*/libcudnn*`.
/// - `**/` at the start means "at any depth": `**/.git/` (a directory named `.git` anywhere),
///   `**/.next/cache/`, `**/*.onnx` (a file name anywhere; one segment only).
/// - `{workdir}/` at the start stands for the image's WORKDIR (the pattern is dropped when the
///   WORKDIR is empty or `/`); `{home}/` for `/root` and every `/home/*`.
struct PathPattern: Sendable, Equatable {
    enum Anchor: Sendable, Equatable {
        case root
        case workdir
        case home
        case anywhere
    }

    struct Invalid: Error {
        var reason: String
    }

    var anchor: Anchor
    /// The names after the anchor, as globs.
    var segments: [NameGlob]
    /// True for a trailing slash: the pattern names a directory and claims everything below it.
    var isDirectory: Bool

    init(anchor: Anchor, segments: [NameGlob], isDirectory: Bool) {
        self.anchor = anchor
        self.segments = segments
        self.isDirectory = isDirectory
    }

    init(parsing text: String) throws(Invalid) {
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
            throw Invalid(reason: "a pattern starts with '/', '**/', '{workdir}/' or '{home}/'")
        }
        isDirectory = rest.hasSuffix("/")
        if isDirectory { rest = rest.dropLast() }
        if rest.isEmpty { throw Invalid(reason: "the pattern names no file or directory") }
        let names = rest.split(separator: "/", omittingEmptySubsequences: false)
        var segments: [NameGlob] = []
        for name in names {
            if name.isEmpty { throw Invalid(reason: "empty path segment ('//')") }
            if name == "." || name == ".." { throw Invalid(reason: "'.' and '..' segments are not allowed") }
            if name.contains("**") { throw Invalid(reason: "'**' is allowed only as the first segment ('**/')") }
            if name.contains("{") || name.contains("}") {
                throw Invalid(reason: "'{workdir}' and '{home}' are allowed only at the start")
            }
            segments.append(NameGlob(String(name)))
        }
        if anchor == .anywhere && !isDirectory && segments.count != 1 {
            throw Invalid(reason: "a '**/' file pattern names one file name ('**/*.onnx'); for directories end it with '/'")
        }
        self.segments = segments
    }

    /// The root-anchored (or anywhere) patterns this pattern stands for in an image whose WORKDIR
    /// has `workdir` as components (nil: empty or "/").
    func expanded(workdir: [String]?) -> [PathPattern] {
        switch anchor {
        case .root, .anywhere:
            return [self]
        case .workdir:
            guard let workdir, !workdir.isEmpty else { return [] }
            return [PathPattern(anchor: .root, segments: workdir.map(NameGlob.init) + segments, isDirectory: isDirectory)]
        case .home:
            return [
                PathPattern(anchor: .root, segments: [NameGlob("root")] + segments, isDirectory: isDirectory),
                PathPattern(anchor: .root, segments: [NameGlob("home"), NameGlob("*")] + segments, isDirectory: isDirectory),
            ]
        }
    }
}
