/// Path patterns compiled into tables, so that classifying a file costs a few lookups rather than
/// a test of every pattern:
///
/// - root-anchored patterns form a trie of path components (literal children in a dictionary,
///   glob children in a short list); a directory pattern marks its node, a file pattern adds its
///   last name to the node's `NameMatcher` and marks the node below it too (a file pattern also
///   claims a directory of that name: see `PathPattern`);
/// - `**/dir/` patterns are indexed by their first name;
/// - `**/name` file patterns sit in one `NameMatcher` tested against each file's name, and in
///   another tested against each directory's components;
/// - patterns with a `**` after the anchor (`/app/**/*.map`, rare: people's own rules) are tested
///   one by one, once per directory and, for file patterns, once per file.
///
/// Directory matching runs once per directory (the accountant caches it while consecutive files
/// share a directory); only the name matchers run per file.
struct PathRuleMatcher: Sendable {
    private struct Node: Sendable {
        var literal: [String: Int] = [:]
        var globs: [(glob: NameGlob, node: Int)] = []
        /// The smallest rule number of the directory patterns that end here.
        var directoryRule: Int?
        var files = NameMatcher()
    }

    private var nodes: [Node] = [Node()]
    private var anywhereDirectories: [String: [(rest: [NameGlob], rule: Int)]] = [:]
    private var anywhereDirectoryGlobs: [(segments: [NameGlob], rule: Int)] = []
    private var anywhereFiles = NameMatcher()
    /// The `**/name` file patterns again, as directory names at any depth.
    private var anywhereNamedDirectories = NameMatcher()
    private var general: [(pattern: PathPattern, rule: Int)] = []

    init() {}

    /// What a directory matched: each directory rule with the number of leading components its
    /// match covers, and the trie nodes whose file patterns apply to the directory's files.
    struct DirectoryMatch: Sendable {
        var rules: [(rule: Int, depth: Int)] = []
        var fileNodes: [Int] = []
        /// The directory's components, kept only when some general file pattern must see them.
        var components: [Substring] = []
        var generalFiles: [Int] = []
    }

    mutating func add(_ pattern: PathPattern, rule: Int) {
        let names = pattern.segments.compactMap(\.glob)
        if pattern.hasInnerAnyDepth || (pattern.anchor == .anywhere && !pattern.isDirectory && names.count > 1) {
            general.append((pattern, rule))
            return
        }
        switch pattern.anchor {
        case .anywhere:
            if pattern.isDirectory {
                let first = names[0]
                if first.isLiteral {
                    anywhereDirectories[first.text, default: []].append((Array(names.dropFirst()), rule))
                } else {
                    anywhereDirectoryGlobs.append((names, rule))
                }
            } else if let name = names.last {
                anywhereFiles.add(name, rule: rule)
                anywhereNamedDirectories.add(name, rule: rule)
            }
        case .root:
            var node = 0
            for segment in names.dropLast() { node = child(of: node, segment) }
            guard let last = names.last else { return }
            if !pattern.isDirectory { nodes[node].files.add(last, rule: rule) }
            let below = child(of: node, last)
            nodes[below].directoryRule = min(nodes[below].directoryRule ?? rule, rule)
        case .workdir, .home:
            // Expanded to root patterns before compiling; nothing else reaches here.
            for expanded in pattern.expanded(workdir: nil) where expanded.anchor == .root { add(expanded, rule: rule) }
        }
    }

    private mutating func child(of node: Int, _ segment: NameGlob) -> Int {
        if segment.isLiteral {
            if let existing = nodes[node].literal[segment.text] { return existing }
            nodes.append(Node())
            nodes[node].literal[segment.text] = nodes.count - 1
            return nodes.count - 1
        }
        if let existing = nodes[node].globs.first(where: { $0.glob == segment }) { return existing.node }
        nodes.append(Node())
        nodes[node].globs.append((segment, nodes.count - 1))
        return nodes.count - 1
    }

    /// Matches a directory given as its components ("/usr/lib" -> ["usr", "lib"]).
    func match(directory components: [Substring]) -> DirectoryMatch {
        var result = DirectoryMatch()
        var active = [0]
        for (index, component) in components.enumerated() {
            var next: [Int] = []
            let name = String(component)
            for node in active {
                if let child = nodes[node].literal[name] { next.append(child) }
                for entry in nodes[node].globs where entry.glob.matches(component) { next.append(entry.node) }
            }
            active = next
            for node in active {
                if let rule = nodes[node].directoryRule { result.rules.append((rule, index + 1)) }
            }
            if active.isEmpty { break }
        }
        result.fileNodes = active.filter { !nodes[$0].files.isEmpty }
        if !anywhereNamedDirectories.isEmpty {
            for (index, component) in components.enumerated() {
                anywhereNamedDirectories.matchAll(component) { result.rules.append(($0, index + 1)) }
            }
        }
        for (number, entry) in general.enumerated() {
            for depth in stride(from: 1, through: components.count, by: 1) {
                if entry.pattern.matchesExactly(components[..<depth]) { result.rules.append((entry.rule, depth)) }
            }
            if !entry.pattern.isDirectory { result.generalFiles.append(number) }
        }
        if !result.generalFiles.isEmpty { result.components = components }
        if !anywhereDirectories.isEmpty || !anywhereDirectoryGlobs.isEmpty {
            for (index, component) in components.enumerated() {
                if let candidates = anywhereDirectories[String(component)] {
                    for candidate in candidates where Self.follows(candidate.rest, components, at: index + 1) {
                        result.rules.append((candidate.rule, index + 1 + candidate.rest.count))
                    }
                }
                for candidate in anywhereDirectoryGlobs where candidate.segments[0].matches(component) {
                    let rest = Array(candidate.segments.dropFirst())
                    if Self.follows(rest, components, at: index + 1) {
                        result.rules.append((candidate.rule, index + 1 + rest.count))
                    }
                }
            }
        }
        return result
    }

    private static func follows(_ segments: [NameGlob], _ components: [Substring], at start: Int) -> Bool {
        guard start + segments.count <= components.count else { return false }
        for (offset, segment) in segments.enumerated() where !segment.matches(components[start + offset]) {
            return false
        }
        return true
    }

    /// The smallest rule number among the file patterns that match `name` in a directory whose
    /// match is `directory`.
    func matchFile(name: UnsafeBufferPointer<UInt8>, in directory: DirectoryMatch) -> Int? {
        var best = anywhereFiles.match(name)
        for node in directory.fileNodes {
            if let rule = nodes[node].files.match(name), best.map({ rule < $0 }) ?? true { best = rule }
        }
        if !directory.generalFiles.isEmpty {
            let path = directory.components + [Substring(String(decoding: name, as: UTF8.self))]
            for number in directory.generalFiles {
                let entry = general[number]
                if best.map({ entry.rule < $0 }) ?? true, entry.pattern.matchesExactly(path[...]) { best = entry.rule }
            }
        }
        return best
    }
}
