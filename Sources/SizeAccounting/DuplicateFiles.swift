/// One content stored at several paths of the final filesystem: a model copied twice, a native
/// library vendored by an npm package and by a Python wheel, a package store beside the install.
public struct DuplicateFileGroup: Sendable, Equatable {
    /// Files smaller than this are not looked at unless the rules say otherwise
    /// (`AccountingRules.duplicateFileMinBytes`): 1 MiB, where a copy starts to matter.
    public static let defaultMinBytes: Int64 = 1 << 20

    /// SHA-256 of the contents, "sha256:<hex>".
    public var digest: String
    /// Bytes of one copy.
    public var sizeBytes: Int64
    /// Every path holding the contents: first the copy to keep (the one in the lowest layer, then
    /// the first by path), then the extra copies by path.
    public var paths: [String]
    /// The categories the extra copies are counted in, in precedence order (only those with bytes).
    public var extraCategories: [SizeLedger.CategoryTotal]

    public init(digest: String, sizeBytes: Int64, paths: [String], extraCategories: [SizeLedger.CategoryTotal]) {
        self.digest = digest
        self.sizeBytes = sizeBytes
        self.paths = paths
        self.extraCategories = extraCategories
    }

    /// The copy to keep.
    public var keptPath: String { paths[0] }
    /// The copies that could go.
    public var extraPaths: ArraySlice<String> { paths.dropFirst() }
    /// Bytes of the extra copies: the size times (copies - 1).
    public var extraBytes: Int64 { sizeBytes * Int64(paths.count - 1) }
}

/// Groups the digested final files by content.
enum DuplicateFiles {
    /// A final file with a digest, as the accounting pass met it.
    struct Member {
        var path: String
        var digest: String
        var sizeBytes: Int64
        var layer: Int
        /// The category the pass counted it in; nil while a node package's scope decides.
        var category: SizeCategory?
        /// The node package copy whose scope decides the category (`AccountingPass.copies`).
        var pendingCopy: Int?
    }

    /// Groups of two or more paths with one digest: extra bytes descending, then the kept path.
    /// `scopes` settles the category of files of node packages.
    static func groups(_ members: [Member], scopes: [InstalledPackage.Scope?]) -> [DuplicateFileGroup] {
        var byDigest: [String: [Member]] = [:]
        for member in members { byDigest[member.digest, default: []].append(member) }
        var groups: [DuplicateFileGroup] = []
        for (digest, found) in byDigest where found.count > 1 {
            let ordered = found.sorted { ($0.layer, $0.path) < ($1.layer, $1.path) }
            let extras = ordered.dropFirst().sorted { $0.path < $1.path }
            var bytes = Array(repeating: Int64(0), count: SizeCategory.allCases.count)
            var files = Array(repeating: 0, count: SizeCategory.allCases.count)
            for extra in extras {
                let category = extra.category ?? extra.pendingCopy.map { .nodePackage(devOnly: scopes[$0] == .dev) } ?? .other
                bytes[category.order] += extra.sizeBytes
                files[category.order] += 1
            }
            let categories = SizeCategory.allCases.filter { files[$0.order] > 0 }.map {
                SizeLedger.CategoryTotal(category: $0, bytes: bytes[$0.order], fileCount: files[$0.order])
            }
            groups.append(DuplicateFileGroup(
                digest: digest, sizeBytes: ordered[0].sizeBytes, paths: [ordered[0].path] + extras.map(\.path),
                extraCategories: categories))
        }
        return groups.sorted { ($0.extraBytes, $1.keptPath) > ($1.extraBytes, $0.keptPath) }
    }
}
