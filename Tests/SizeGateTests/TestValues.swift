import SizeAccounting
import Charts
import ImageModel

@testable import SizeGate

/// Measurements built by hand for the rule and diff tests.
enum TestValues {
    static let time = UTCTimestamp(seconds: 1_700_000_000)

    static func measurement(
        name: String = "svc", content: Int64, ignored: Int64 = 0, compressed: Int64? = nil,
        categories: [SizeLedger.CategoryTotal] = [], layers: [LayerMeasurement] = [], packages: [InstalledPackage] = []
    ) -> ImageMeasurement {
        ImageMeasurement(
            name: name, recordedAt: time, imageDigest: "sha256:" + String(repeating: "ab", count: 32), tags: ["\(name):1"],
            contentBytes: content, finalBytes: content, wastedBytes: 0, ignoredBytes: ignored, compressedBytes: compressed,
            compressedBytesSource: compressed == nil ? .unknown : .stored, layers: layers, categories: categories,
            packages: packages)
    }
}
