import ImageModel
import SizeAccounting
import Testing

/// The accountant's grouping of the loader's digests: which copy is kept, what the extra copies
/// cost and which categories they are in, each expected from the spec of the image.
@Suite struct DuplicateFileTests {
    static let size: Int64 = 3_000_000

    /// A native library in the OS (layer 0), vendored by a dev-only npm package (layer 1) and by the
    /// app (layer 2); a model twice in the app; a digest no other file shares; a small pair.
    static func image() throws -> (TestImage, LoadedImage) {
        var spec = TestImage()
        spec.layerSteps = ["ADD rootfs", "RUN npm ci", "COPY . /app"]
        spec.json("/app/package.json", TestImage.manifest(name: "svc", version: "1.0.0", devDependencies: ["jest"]), .app, layer: 2)
        spec.npmPackage("/app/node_modules/jest", name: "jest", version: "29.7.0", files: [("lib/libnative.so", size)],
                        expect: .devDependencies, layer: 1)
        spec.file("/usr/lib/libnative.so", size, .other)
        spec.file("/app/vendor/libnative.so", size, .app, layer: 2)
        spec.file("/app/models/b.bin", 2_000_000, .app, layer: 2)
        spec.file("/app/models/a.bin", 2_000_000, .app, layer: 2)
        spec.file("/app/unique.bin", 2_000_000, .app, layer: 2)
        spec.file("/app/small-1.bin", 1_000, .app, layer: 2)
        spec.file("/app/small-2.bin", 1_000, .app, layer: 2)
        spec.hardlink("/app/models/c.bin", to: "/app/models/a.bin", layer: 2)
        var image = try spec.build()
        image.fileDigests = [
            "/usr/lib/libnative.so": "sha256:native", "/app/node_modules/jest/lib/libnative.so": "sha256:native",
            "/app/vendor/libnative.so": "sha256:native", "/app/models/a.bin": "sha256:model", "/app/models/b.bin": "sha256:model",
            "/app/unique.bin": "sha256:unique",
            // Below the threshold: the loader would not hash them; the accountant ignores them too.
            "/app/small-1.bin": "sha256:small", "/app/small-2.bin": "sha256:small",
        ]
        return (spec, image)
    }

    @Test func groupsKeepTheLowestLayerAndCountExtraCopiesInTheirCategories() throws {
        let (_, image) = try Self.image()
        let ledger = try SizeAccountant.standard().account(image)
        #expect(ledger.duplicateFiles.map(\.digest) == ["sha256:native", "sha256:model"])
        let native = try #require(ledger.duplicateFiles.first)
        #expect(native.paths == ["/usr/lib/libnative.so", "/app/node_modules/jest/lib/libnative.so", "/app/vendor/libnative.so"])
        #expect(native.extraBytes == 2 * Self.size)
        #expect(native.extraCategories == [
            SizeLedger.CategoryTotal(category: .devDependencies, bytes: Self.size, fileCount: 1),
            SizeLedger.CategoryTotal(category: .app, bytes: Self.size, fileCount: 1),
        ])
        let model = ledger.duplicateFiles[1]
        // Same layer: the first path is kept; the hard link c.bin is no copy.
        #expect(model.paths == ["/app/models/a.bin", "/app/models/b.bin"])
        #expect(model.extraBytes == 2_000_000)
        let finding = try #require(ledger.findings("duplicate-files").first)
        #expect(finding.bytes == 2 * Self.size + 2_000_000)
        #expect(finding.severity == .info)
        #expect(finding.suggestion.contains("`rm /app/node_modules/jest/lib/libnative.so`, `rm /app/vendor/libnative.so`"))
    }

    @Test func theRulesThresholdDecides() throws {
        let (_, image) = try Self.image()
        let rules = try AccountingRules.parse(Array(#"{"version": 1, "duplicateFiles": {"minBytes": 1000}}"#.utf8), source: "r.json")
        let ledger = try SizeAccountant.standard(extendedWith: rules).account(image)
        #expect(ledger.duplicateFiles.map(\.digest) == ["sha256:native", "sha256:model", "sha256:small"])
        #expect(try SizeAccountant.standard(extendedWith: rules).duplicateFileMinBytes == 1000)
        #expect(try SizeAccountant.standard().duplicateFileMinBytes == 1 << 20)
    }
}
