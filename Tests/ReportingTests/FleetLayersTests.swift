import ImageModel
import Reporting
import StableJSON
import Testing

/// How the fleet's shared layers are worded and written; figures added up by hand from the layers.
@Suite struct FleetLayersTests {
    static let base = LayerSharing.Layer(diffID: "sha256:base", blobDigest: "sha256:b", contentBytes: 2_000_000, compressedBytes: 700_000)

    static func fleet(contentMeasured: Bool) -> FleetLayers {
        let sharing = LayerSharing(
            images: [
                [base, LayerSharing.Layer(diffID: "sha256:a", contentBytes: 500_000, compressedBytes: 100_000)],
                [base, LayerSharing.Layer(diffID: "sha256:w", contentBytes: 300_000, compressedBytes: 60_000)],
            ], compressedBytesSources: [.stored, .estimated])
        return FleetLayers(
            members: [.init(name: "api", input: "api.tar"), .init(name: "worker", input: "worker.tar")], sharing: sharing,
            contentMeasured: contentMeasured)
    }

    @Test func measuredContent() {
        let fleet = Self.fleet(contentMeasured: true)
        // 2 MB base once + 0.5 + 0.3 = 2.8 MB, against 2.5 + 2.3 = 4.8 MB; compressed 0.86 against 1.56 MB.
        #expect(fleet.line(ByteFormatter()) == "Layers shared by diff_id: 1, counted once: 2.8 MB content (plain sum 4.8 MB), 860 kB compressed (estimated; plain sum 1.56 MB).")
        let json = fleet.json()
        #expect(json["deduplicatedContentBytes"]?.intValue == 2_800_000)
        #expect(json["deduplicatedCompressedBytes"]?.intValue == 860_000)
        #expect(json["images"]?.arrayValue?.map { $0["uniqueBytes"]?.intValue } == [500_000, 300_000])
        #expect(fleet.cells(1, ByteFormatter()) == ["300 kB", "2 MB"])
    }

    /// `--manifest-only` reads measure no content: those figures are unknown, the compressed stand.
    @Test func manifestOnlyContentIsUnknown() {
        let fleet = Self.fleet(contentMeasured: false)
        #expect(fleet.line(ByteFormatter()) == "Layers shared by diff_id: 1, counted once: content not measured (--manifest-only), 860 kB compressed (estimated; plain sum 1.56 MB).")
        let json = fleet.json()
        #expect(json["contentBytes"]?.isNull == true)
        #expect(json["deduplicatedContentBytes"]?.isNull == true)
        #expect(json["images"]?.arrayValue?.first?["sharedBytes"]?.isNull == true)
        #expect(json["deduplicatedCompressedBytes"]?.intValue == 860_000)
        #expect(fleet.cells(0, ByteFormatter()) == ["–", "–"])
    }
}
