import Charts
import ImageModel
import SizeGate
import Testing

/// Shared layers by diff_id: each expected figure is added up by hand from the layers below.
@Suite struct LayerSharingTests {
    static let base = LayerMeasurement(index: 0, diffID: "sha256:base", createdBy: "ADD rootfs", contentBytes: 1_000, blobDigest: "sha256:b1", compressedBytes: 300)
    static let node = LayerMeasurement(index: 1, diffID: "sha256:node", createdBy: "ADD node", contentBytes: 400, blobDigest: "sha256:n1", compressedBytes: 100)

    static func measurement(_ name: String, _ layers: [LayerMeasurement], source: CompressedBytesSource = .stored) -> ImageMeasurement {
        let content = layers.reduce(0) { $0 + $1.contentBytes }
        var compressed: Int64? = 0
        for layer in layers { compressed = compressed.flatMap { total in layer.compressedBytes.map { total + $0 } } }
        return ImageMeasurement(
            name: name, recordedAt: UTCTimestamp(seconds: 0), imageDigest: nil, tags: [], contentBytes: content, finalBytes: content,
            wastedBytes: 0, compressedBytes: compressed, compressedBytesSource: source, layers: layers)
    }

    static func app(_ id: String, _ bytes: Int64, compressed: Int64? = nil) -> LayerMeasurement {
        LayerMeasurement(index: 2, diffID: "sha256:" + id, createdBy: "COPY", contentBytes: bytes, blobDigest: "sha256:blob-" + id, compressedBytes: compressed ?? bytes / 2)
    }

    @Test func aSharedBaseIsCountedOnce() {
        // a: base + node + 50; b: base + node + 70; c: base + 90. base is in 3 images, node in 2.
        let sharing = LayerSharing(measurements: [
            Self.measurement("a", [Self.base, Self.node, Self.app("a", 50)]),
            Self.measurement("b", [Self.base, Self.node, Self.app("b", 70)]),
            Self.measurement("c", [Self.base, Self.app("c", 90)]),
        ])
        #expect(sharing.images.map(\.uniqueBytes) == [50, 70, 90])
        #expect(sharing.images.map(\.sharedBytes) == [1_400, 1_400, 1_000])
        #expect(sharing.images.map(\.sharedLayerCount) == [2, 2, 1])
        #expect(sharing.sharedLayerCount == 2)
        #expect(sharing.contentBytes == 1_450 + 1_470 + 1_090)
        #expect(sharing.deduplicatedContentBytes == 1_000 + 400 + 50 + 70 + 90)
        #expect(sharing.savedContentBytes == 2 * 1_000 + 400)
        let compressedSum: Int64 = 300 + 100 + 25 + 300 + 100 + 35 + 300 + 45
        #expect(sharing.compressedBytes == compressedSum)
        let compressedOnce: Int64 = 300 + 100 + 25 + 35 + 45
        #expect(sharing.deduplicatedCompressedBytes == compressedOnce)
        #expect(sharing.compressedBytesSource == .stored)
    }

    @Test func withoutSharingTheDeduplicatedTotalIsTheSum() {
        let sharing = LayerSharing(measurements: [
            Self.measurement("a", [Self.app("a", 500)]), Self.measurement("b", [Self.app("b", 700)]),
        ])
        #expect(sharing.sharedLayerCount == 0)
        #expect(sharing.images.map(\.sharedBytes) == [0, 0])
        #expect(sharing.images.map(\.uniqueBytes) == [500, 700])
        #expect(sharing.deduplicatedContentBytes == 1_200)
        #expect(sharing.contentBytes == 1_200)
        #expect(sharing.deduplicatedCompressedBytes == sharing.compressedBytes)
    }

    @Test func theSameImageTwiceSharesEverything() {
        let image = Self.measurement("a", [Self.base, Self.app("a", 50)])
        let sharing = LayerSharing(measurements: [image, image])
        #expect(sharing.images.map(\.uniqueBytes) == [0, 0])
        #expect(sharing.images.map(\.sharedBytes) == [1_050, 1_050])
        #expect(sharing.deduplicatedContentBytes == 1_050)
        #expect(sharing.contentBytes == 2_100)
        #expect(sharing.deduplicatedCompressedBytes == 325)
    }

    @Test func aLayerRepeatedInsideOneImageIsUniqueToItButStoredOnce() {
        let sharing = LayerSharing(measurements: [
            Self.measurement("a", [Self.base, Self.app("x", 10), Self.app("x", 10)]), Self.measurement("b", [Self.app("b", 20)]),
        ])
        #expect(sharing.images.map(\.uniqueBytes) == [1_020, 20])
        #expect(sharing.sharedLayerCount == 0)
        #expect(sharing.deduplicatedContentBytes == 1_000 + 10 + 20)
        #expect(sharing.contentBytes == 1_040)
    }

    @Test func aDiffIDCompressedIntoTwoBlobsIsStoredTwice() {
        var rebuilt = Self.base
        rebuilt.blobDigest = "sha256:b2"
        rebuilt.compressedBytes = 310
        let sharing = LayerSharing(measurements: [Self.measurement("a", [Self.base]), Self.measurement("b", [rebuilt])])
        #expect(sharing.deduplicatedContentBytes == 1_000)
        #expect(sharing.images.map(\.sharedBytes) == [1_000, 1_000])
        let twoBlobs: Int64 = 300 + 310
        #expect(sharing.deduplicatedCompressedBytes == twoBlobs)
    }

    @Test func unknownCompressedSizesAndUnlistedLayers() {
        var unknown = Self.app("u", 80)
        unknown.compressedBytes = nil
        // An old record with no layers: its bytes count, shared with nothing.
        let old = ImageMeasurement(
            name: "old", recordedAt: UTCTimestamp(seconds: 0), imageDigest: nil, tags: [], contentBytes: 5_000, finalBytes: 5_000,
            wastedBytes: 0, compressedBytes: 2_000, compressedBytesSource: .stored, layers: [])
        let sharing = LayerSharing(measurements: [Self.measurement("a", [Self.base, unknown], source: .unknown), old])
        #expect(sharing.contentBytes == 6_080)
        #expect(sharing.deduplicatedContentBytes == 6_080)
        #expect(sharing.images.map(\.uniqueBytes) == [1_080, 5_000])
        #expect(sharing.compressedBytes == nil)
        #expect(sharing.deduplicatedCompressedBytes == nil)
        #expect(sharing.compressedBytesSource == .unknown)
    }
}
