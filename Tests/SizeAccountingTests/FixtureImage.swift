import ImageModel
import PlimsollTestSupport
import SizeAccounting

/// Builds the `LoadedImage` an `AccountingFixture` stands for, without the reader: final files from
/// PlimsollTestSupport's reference merge, link targets and contents from the spec's entries, and
/// the captures the accountant's policy asks for.
enum FixtureImage {
    static func loaded(_ fixture: AccountingFixture, capture: CaptureRequirements) throws -> LoadedImage {
        let spec = fixture.image
        let merged = ExpectedFilesystem.merge(spec.layers)
        var files: [FinalFile] = []
        var captured: [String: [UInt8]] = [:]
        for (path, file) in merged.entries where file.kind != .directory {
            let entry = fixture.visibleEntry(path, in: merged)
            switch file.kind {
            case .regular:
                files.append(FinalFile(path: "/" + path, kind: .regular, sizeBytes: file.size, layer: file.layer))
                if case .file(_, _, let content)? = entry, file.size <= capture.maxBytes, capture.matches(path) {
                    switch content {
                    case .text(let text): captured["/" + path] = Array(text.utf8)
                    case .bytes(let bytes): captured["/" + path] = bytes
                    default: captured["/" + path] = Array(repeating: 0, count: Int(file.size))
                    }
                }
            case .symlink:
                guard case .symlink(_, let target)? = entry else { continue }
                files.append(FinalFile(path: "/" + path, kind: .symlink, sizeBytes: 0, layer: file.layer, linkTarget: target))
            case .hardlink:
                guard case .hardlink(_, let target)? = entry else { continue }
                files.append(FinalFile(path: "/" + path, kind: .hardlink, sizeBytes: 0, layer: file.layer, linkTarget: "/" + target))
            case .directory:
                continue
            }
        }
        files.sort { TestImage.componentOrder($0.path, $1.path) }
        let history = spec.config.resolvedHistory(layers: spec.layers).filter { !$0.emptyLayer }.map(\.createdBy)
        var layers: [ImageLayer] = []
        var causes: [WasteCause] = []
        for (index, layer) in spec.layers.enumerated() {
            layers.append(ImageLayer(
                index: index, diffID: nil, blobDigest: nil, blobPath: "layer\(index).tar",
                createdBy: index < history.count ? history[index] : nil, mediaType: "application/vnd.docker.image.rootfs.diff.tar",
                compression: .none, tarBytes: 0, contentBytes: layer.contentBytes, compressedBytes: nil,
                compressedBytesSource: .unknown, entryCount: layer.entryCount, fileCount: layer.fileCount,
                wastedBytes: merged.wastedBytes[index]))
            if merged.wastedBytes[index] > 0 {
                // The reference merge does not say which layer superseded; the test only needs a cause.
                causes.append(WasteCause(layer: index, supersededBy: min(index + 1, spec.layers.count - 1), bytes: merged.wastedBytes[index], files: 1))
            }
        }
        return LoadedImage(
            name: spec.tags.first ?? "fixture", tags: spec.tags, configDigest: nil, manifestDigest: nil, platform: .linuxAMD64,
            config: ImageConfigFacts(
                user: spec.config.user ?? "", workdir: spec.config.workdir ?? "",
                healthcheck: spec.config.healthcheck.map { $0.first != "NONE" } ?? false,
                entrypoint: spec.config.entrypoint, cmd: spec.config.cmd),
            layers: layers, files: files, captured: captured, wasteCauses: causes, largestWasted: [], notes: [])
    }

    /// The spec's category totals in the ledger's form.
    static func expectedCategories(_ fixture: AccountingFixture) throws -> [SizeLedger.CategoryTotal] {
        let totals = try fixture.expectedTotals()
        for name in totals.keys where SizeCategory(rawValue: name) == nil {
            throw FixtureError("fixture names an unknown category '\(name)'")
        }
        return SizeCategory.allCases.map {
            SizeLedger.CategoryTotal(category: $0, bytes: totals[$0.rawValue]?.bytes ?? 0, fileCount: totals[$0.rawValue]?.files ?? 0)
        }
    }
}
