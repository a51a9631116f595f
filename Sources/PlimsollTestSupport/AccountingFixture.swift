/// An image spec in which every file carries the ledger category a test expects it in (by name:
/// "dev-dependencies", "os-packages", ...). Expected category totals are derived from the spec
/// through the reference merge: each visible regular file counts in its declared category, and
/// every superseded byte in "wasted". Used both to build `LoadedImage` values in unit tests and to
/// write real tarballs for end-to-end tests.
public struct AccountingFixture: Sendable {
    /// The image to write or to build a loaded image from.
    public var image: ImageSpec
    /// Normalised path (no leading slash) -> expected category, for every regular file written.
    /// When a path is written again in a later layer, the later declaration wins.
    public var expectations: [String: String]

    public init(image: ImageSpec, expectations: [String: String]) {
        self.image = image
        self.expectations = expectations
    }

    /// Per category name: bytes and files the spec declares, "wasted" included.
    public func expectedTotals() throws -> [String: (bytes: Int64, files: Int)] {
        let merged = ExpectedFilesystem.merge(image.layers)
        var totals: [String: (bytes: Int64, files: Int)] = [:]
        for (path, file) in merged.entries where file.kind == .regular {
            guard let category = expectations[path] else {
                throw FixtureError("fixture declares no category for the final file \(path)")
            }
            let current = totals[category] ?? (0, 0)
            totals[category] = (current.bytes + file.size, current.files + 1)
        }
        let wastedBytes = merged.wastedBytes.reduce(0, +)
        let wastedFiles = wastedFileCount()
        if wastedBytes > 0 || wastedFiles > 0 { totals["wasted"] = (wastedBytes, wastedFiles) }
        return totals
    }

    /// Regular-file copies that the final filesystem does not show: every regular entry written
    /// minus those visible at the end.
    private func wastedFileCount() -> Int {
        let merged = ExpectedFilesystem.merge(image.layers)
        let written = image.layers.reduce(0) { $0 + $1.fileCount }
        return written - merged.entries.values.filter { $0.kind == .regular }.count
    }

    /// The visible entry of `path` (normalised) as the spec wrote it, for contents and link
    /// targets.
    public func visibleEntry(_ path: String) -> EntrySpec? {
        visibleEntry(path, in: ExpectedFilesystem.merge(image.layers))
    }

    /// `visibleEntry(_:)` with the merge done once by the caller.
    public func visibleEntry(_ path: String, in merged: ExpectedFilesystem) -> EntrySpec? {
        guard let file = merged.entries[path] else { return nil }
        let layer = image.layers[file.layer]
        return layer.entries.last { normalisePath(layer.pathPrefix + String(decoding: $0.tarNameBytes, as: UTF8.self)) == path }
    }
}

/// Writes an `AccountingFixture` layer by layer.
public struct AccountingFixtureBuilder: Sendable {
    /// The image config.
    public var config: ConfigSpec
    /// The image's tags.
    public var tags: [String]
    private(set) var layers: [LayerSpec] = []
    private(set) var expectations: [String: String] = [:]

    public init(tags: [String] = ["fixture:latest"], config: ConfigSpec = ConfigSpec()) {
        self.tags = tags
        self.config = config
    }

    /// Adds a layer made by `createdBy`; `body` adds its entries.
    public mutating func layer(_ createdBy: String, compression: LayerBlobCompression = .none, _ body: (inout LayerWriter) -> Void) {
        var writer = LayerWriter()
        body(&writer)
        layers.append(LayerSpec(writer.entries, compression: compression, createdBy: createdBy))
        expectations.merge(writer.expectations) { _, new in new }
    }

    /// The fixture written so far.
    public var fixture: AccountingFixture {
        AccountingFixture(image: ImageSpec(tags: tags, layers: layers, config: config), expectations: expectations)
    }

    /// The entries of one layer, with the category each regular file is expected in.
    public struct LayerWriter: Sendable {
        /// The layer's entries, in tar order.
        public private(set) var entries: [EntrySpec] = []
        /// Expected category per regular file written here.
        public private(set) var expectations: [String: String] = [:]

        /// A regular file of `size` zero bytes, expected in `category`.
        public mutating func file(_ path: String, _ size: Int64, _ category: String) {
            entries.append(.file(path, size: size))
            expectations[normalisePath(path)] = category
        }

        /// A regular file holding `text`, expected in `category`.
        public mutating func text(_ path: String, _ text: String, _ category: String) {
            entries.append(.file(path, text: text))
            expectations[normalisePath(path)] = category
        }

        /// A symbolic link.
        public mutating func symlink(_ path: String, _ target: String) { entries.append(.symlink(path, target: target)) }
        /// A hard link to an earlier entry of the layer.
        public mutating func hardlink(_ path: String, _ target: String) { entries.append(.hardlink(path, target: target)) }
        /// Deletes `path` from lower layers.
        public mutating func whiteout(_ path: String) { entries.append(.whiteout(path)) }
        /// A directory entry.
        public mutating func directory(_ path: String) { entries.append(.dir(path)) }
    }
}
