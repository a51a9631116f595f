import ImageModel
import Reporting
import Testing

/// Where a compressed size comes from is printed beside it, and the image's bound follows its layers.
@Suite struct CompressedLabelTests {
    static func layer(_ index: Int, bytes: Int64?, source: CompressedBytesSource, bound: Double?) -> ImageLayer {
        ImageLayer(
            index: index, diffID: nil, blobDigest: nil, blobPath: "l\(index)/layer.tar", createdBy: nil,
            mediaType: "application/vnd.docker.image.rootfs.diff.tar", compression: .none, tarBytes: 0,
            contentBytes: 0, compressedBytes: bytes, compressedBytesSource: source, compressedBytesErrorBound: bound,
            entryCount: 0, fileCount: 0, wastedBytes: 0)
    }

    static func image(_ layers: [ImageLayer]) -> LoadedImage {
        LoadedImage(
            name: "x", tags: [], configDigest: nil, manifestDigest: nil, platform: nil,
            config: ImageConfigFacts(),
            layers: layers, files: [], captured: [:], wasteCauses: [], largestWasted: [], notes: [])
    }

    @Test func labels() {
        let bytes = ByteFormatter()
        #expect(bytes.compressed(1_234_000_000, source: .estimated, errorBound: 0.0215) == "1.23 GB (estimated ±2.2%)")
        #expect(bytes.compressed(1_234_000_000, source: .estimated, errorBound: 0.125) == "1.23 GB (estimated ±13%)")
        #expect(bytes.compressed(999, source: .exact, errorBound: nil) == "999 B (exact)")
        #expect(bytes.compressed(5_000_000, source: .stored, errorBound: nil) == "5 MB (stored)")
        #expect(bytes.compressed(nil, source: .unknown, errorBound: nil) == "unknown")
    }

    @Test func imageBoundWeighsLayerBoundsByBytes() {
        // 100 MB at ±4% and 300 MB exact: ±4,000,000 / 400,000,000 = ±1%.
        let image = Self.image([
            Self.layer(0, bytes: 100_000_000, source: .estimated, bound: 0.04),
            Self.layer(1, bytes: 300_000_000, source: .exact, bound: nil),
        ])
        #expect(image.compressedBytesSource == .estimated)
        #expect(image.compressedBytes == 400_000_000)
        #expect(image.compressedBytesErrorBound == 0.01)
    }

    @Test func noBoundUnlessEstimated() {
        #expect(Self.image([Self.layer(0, bytes: 10, source: .exact, bound: nil)]).compressedBytesErrorBound == nil)
        #expect(Self.image([Self.layer(0, bytes: nil, source: .unknown, bound: nil)]).compressedBytesErrorBound == nil)
        let partly = Self.image([
            Self.layer(0, bytes: 10, source: .estimated, bound: 0.05),
            Self.layer(1, bytes: nil, source: .unknown, bound: nil),
        ])
        #expect(partly.compressedBytesSource == .unknown)
        #expect(partly.compressedBytesErrorBound == nil)
    }
}
