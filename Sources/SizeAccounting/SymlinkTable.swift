/// The symbolic links of a merged filesystem, for resolving paths as the kernel would: Node's
/// module resolution (pnpm's links, workspace links) and package databases that name files by
/// pre-merged-/usr paths (`/bin/ls` on a system where `/bin` links to `usr/bin`).
struct SymlinkTable: Sendable {
    /// Link path -> target as stored.
    private var links: [String: String]
    /// Linux gives up after 40 links in one lookup (ELOOP).
    static let maxHops = 40

    init(_ links: [String: String]) {
        self.links = links
    }

    var isEmpty: Bool { links.isEmpty }

    func target(of path: String) -> String? { links[path] }

    /// The path with every symbolic link resolved, the last component included; nil when
    /// resolution loops. Components that do not exist are kept as they are.
    func resolve(_ path: String) -> String? {
        if links.isEmpty { return path }
        var pending = Self.components(path)
        pending.reverse()  // a stack: the next component is last
        var resolved: [Substring] = []
        var hops = 0
        while let component = pending.popLast() {
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            resolved.append(component)
            let current = "/" + resolved.joined(separator: "/")
            guard let target = links[current] else { continue }
            hops += 1
            if hops > Self.maxHops { return nil }
            resolved.removeLast()
            if target.hasPrefix("/") { resolved.removeAll() }
            let targetComponents = Self.components(target)
            pending.append(contentsOf: targetComponents.reversed())
        }
        return "/" + resolved.joined(separator: "/")
    }

    private static func components(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}

/// Normalises an absolute path: removes ".", "" and resolves ".." lexically.
func normalisedPath(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
        if part == "." { continue }
        if part == ".." {
            _ = parts.popLast()
            continue
        }
        parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
}
