/// Which files' contents the accountant reads, for the loader's capture policy: package manifests,
/// lockfile records of node installs and pnpm's project lockfiles, the OS package databases the rules name, and Python
/// `.dist-info` records. Everything else is sized from tar headers only.
///
/// `matches` is called for every regular file of every layer, so it looks at the name's last
/// component first and does no allocation for the files it rejects.
public struct CaptureRequirements: Sendable {
    /// The largest file read: real records are far below it (tensorflow's RECORD is 1.66 MB,
    /// torch's 1.32 MB, a Debian status file a few MB, a large monorepo's pnpm-lock.yaml several).
    /// A matching file over it is named in the image's notes by the loader, not dropped silently.
    public var maxBytes: Int64
    private let dpkgStatus: Set<String>
    private let dpkgStatusDirectories: [String]
    private let dpkgInfoDirectories: [String]
    private let apkInstalled: Set<String>
    /// `dpkgStatusDirectories` as bytes: their files have any name, so the fast check is by prefix.
    private let statusDirectoryPrefixes: [[UInt8]]

    public init(rules: AccountingRules, maxBytes: Int64 = 16 << 20) {
        self.maxBytes = maxBytes
        func relative(_ path: String) -> String { String(path.drop { $0 == "/" }) }
        dpkgStatus = Set(rules.databases.dpkgStatus.map(relative))
        dpkgStatusDirectories = rules.databases.dpkgStatusDirectories.map(relative)
        dpkgInfoDirectories = rules.databases.dpkgInfoDirectories.map(relative)
        apkInstalled = Set(rules.databases.apkInstalled.map(relative))
        statusDirectoryPrefixes = dpkgStatusDirectories.map { Array($0.utf8) }
    }

    /// Whether the accountant needs the contents of the file at `path`, given with or without a
    /// leading slash ("app/package.json" as the loader passes it, or "/app/package.json").
    public func matches(_ path: String) -> Bool {
        var copy = path
        return copy.withUTF8 { matches($0) }
    }

    /// `matches` for a path's UTF-8 bytes; a string is made only for the few candidates.
    public func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        isCandidate(path) && matchesSlowly(String(decoding: path, as: UTF8.self))
    }

    /// Most files end in none of the few names read, and are turned away by comparing a few
    /// trailing bytes.
    private func isCandidate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        Self.candidateSuffixes.contains { Self.hasSuffix(bytes, $0) } || statusDirectoryPrefixes.contains { Self.hasPrefix(bytes, $0) }
    }

    /// Every name `matchesSlowly` can accept ends with one of these.
    private static let candidateSuffixes: [[UInt8]] = [
        "package.json", ".package-lock.json", ".modules.yaml", "pnpm-lock.yaml", "/RECORD", "/METADATA", ".list", "/status",
        "/installed",
    ].map { Array($0.utf8) }

    private static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ suffix: [UInt8]) -> Bool {
        guard bytes.count >= suffix.count else { return false }
        var index = suffix.count - 1
        var position = bytes.count - 1
        while index >= 0 {
            if bytes[position] != suffix[index] { return false }
            index -= 1
            position -= 1
        }
        return true
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        let start = bytes.first == UInt8(ascii: "/") ? 1 : 0
        guard bytes.count - start >= prefix.count else { return false }
        for (offset, byte) in prefix.enumerated() where bytes[start + offset] != byte { return false }
        return true
    }

    private func matchesSlowly(_ path: String) -> Bool {
        let relative = path.hasPrefix("/") ? path.dropFirst() : Substring(path)
        let slash = relative.lastIndex(of: "/")
        let name = slash.map { relative[relative.index(after: $0)...] } ?? relative
        let directory = slash.map { relative[..<$0] } ?? ""
        switch name {
        case "package.json":
            return NodePackagePath.isManifestWorthReading(directory: directory)
        case ".package-lock.json", ".modules.yaml":
            return directory == "node_modules" || directory.hasSuffix("/node_modules")
        case "pnpm-lock.yaml":
            // A project's (a workspace root's) lockfile; copies inside packages are not read.
            return !directory.split(separator: "/").contains { $0 == NodePackagePath.nodeModules }
        case "RECORD", "METADATA":
            return directory.hasSuffix(".dist-info")
        default:
            break
        }
        // Package databases: a handful of fixed names and directories.
        if name.hasSuffix(".list") {
            return dpkgInfoDirectories.contains { Self.isDirectChild(directory, of: $0) }
        }
        if dpkgStatusDirectories.contains(where: { Self.isDirectChild(directory, of: $0) }) {
            return true
        }
        if name == "status" || name == "installed" {
            let full = String(relative)
            return dpkgStatus.contains(full) || apkInstalled.contains(full)
        }
        return false
    }

    /// `directory` ("var/lib/dpkg/info") is `parent` ("var/lib/dpkg/info/").
    private static func isDirectChild(_ directory: Substring, of parent: String) -> Bool {
        directory.utf8.count + 1 == parent.utf8.count && parent.hasPrefix(directory)
    }
}
