/// Which files' contents the accountant reads, for the loader's capture policy: package manifests
/// and lockfile records of node installs, the OS package databases the rules name, and Python
/// `.dist-info` records. Everything else is sized from tar headers only.
///
/// `matches` is called for every regular file of every layer, so it looks at the name's last
/// component first and does no allocation for the files it rejects.
public struct CaptureRequirements: Sendable {
    /// The largest file worth reading: a Debian status file or a torch RECORD is a few MB.
    public var maxBytes: Int64
    private let dpkgStatus: Set<String>
    private let dpkgStatusDirectories: [String]
    private let dpkgInfoDirectories: [String]
    private let apkInstalled: Set<String>

    public init(rules: AccountingRules, maxBytes: Int64 = 16 << 20) {
        self.maxBytes = maxBytes
        func relative(_ path: String) -> String { String(path.drop { $0 == "/" }) }
        dpkgStatus = Set(rules.databases.dpkgStatus.map(relative))
        dpkgStatusDirectories = rules.databases.dpkgStatusDirectories.map(relative)
        dpkgInfoDirectories = rules.databases.dpkgInfoDirectories.map(relative)
        apkInstalled = Set(rules.databases.apkInstalled.map(relative))
    }

    /// Whether the accountant needs the contents of the file at `path`, given with or without a
    /// leading slash ("app/package.json" as the loader passes it, or "/app/package.json").
    public func matches(_ path: String) -> Bool {
        let utf8 = path.utf8
        let start = utf8.first == UInt8(ascii: "/") ? utf8.index(after: utf8.startIndex) : utf8.startIndex
        let relative = Substring(path.utf8[start...])
        let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/"))
        let name = slash.map { relative[relative.utf8.index(after: $0)...] } ?? relative
        let directory = slash.map { relative[..<$0] } ?? ""
        switch name {
        case "package.json":
            return NodePackagePath.isManifestWorthReading(directory: directory)
        case ".package-lock.json", ".modules.yaml":
            return directory == "node_modules" || directory.hasSuffix("/node_modules")
        case "RECORD", "METADATA":
            return directory.hasSuffix(".dist-info")
        default:
            break
        }
        // Package databases: a handful of fixed names and directories.
        if name.hasSuffix(".list") {
            return dpkgInfoDirectories.contains { Self.isDirectChild(directory, of: $0) }
        }
        if !dpkgStatusDirectories.isEmpty, dpkgStatusDirectories.contains(where: { Self.isDirectChild(directory, of: $0) }) {
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
