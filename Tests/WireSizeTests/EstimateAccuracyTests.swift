import Foundation
import ImageLoading
import ImageModel
import Testing
import WireSize

/// `--compressed estimate` against `exact` on a realistic mixed image (text, shared-library bytes,
/// already-compressed and zero-filled files, clustered as real layers cluster them): the issue's
/// targets are 3% on the image total and 10% on each layer above 10 MB, and every estimate must
/// fall inside the bound it states.
@Suite struct EstimateAccuracyTests {
    @Test func estimateIsWithinTargetsAndItsStatedBounds() async throws {
        let image = try await MixedImages.shared.image(scale: 2)
        let exact = try ExactWireSizeTests.load(.path(image.path), .exact)
        let estimate = try ExactWireSizeTests.load(.path(image.path), .estimate)
        try #require(exact.layers.count == estimate.layers.count)
        var sampledLayers = 0
        for (measured, estimated) in zip(exact.layers, estimate.layers) {
            let truth = try #require(measured.compressedBytes)
            let guess = try #require(estimated.compressedBytes)
            let error = abs(Double(guess - truth)) / Double(truth)
            if estimated.compressedBytesSource == .exact {
                #expect(guess == truth)  // small layers are deflated whole
                continue
            }
            sampledLayers += 1
            #expect(estimated.compressedBytesSource == .estimated)
            let bound = try #require(estimated.compressedBytesErrorBound)
            #expect(error <= bound, "layer \(estimated.index): error \(error) outside the stated ±\(bound)")
            if measured.tarBytes > 10_000_000 {
                #expect(error <= 0.10, "layer \(estimated.index): error \(error)")
            }
        }
        #expect(sampledLayers >= 3)
        let truth = try #require(exact.compressedBytes)
        let guess = try #require(estimate.compressedBytes)
        let error = abs(Double(guess - truth)) / Double(truth)
        #expect(error <= 0.03, "image total: error \(error)")
        #expect(estimate.compressedBytesSource == .estimated)
        #expect(error <= (estimate.compressedBytesErrorBound ?? 0))
    }

    @Test func aGzippedWholeTarballIsEstimatedAsItStreams() async throws {
        // One pass over a stream must give the same plan, hence the same figures, as pread.
        let image = try await MixedImages.shared.image(scale: 0.3)
        let seekable = try ExactWireSizeTests.load(.path(image.path), .estimate)
        let directory = try Scripts.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zipped = directory.appendingPathComponent("image.tar.gz")
        try Scripts.run("gzip", ["-1", "-c", image.path], stdout: zipped)
        let streamed = try ExactWireSizeTests.load(.path(zipped.path), .estimate)
        #expect(streamed.layers.map(\.compressedBytes) == seekable.layers.map(\.compressedBytes))
        #expect(streamed.layers.map(\.compressedBytesErrorBound) == seekable.layers.map(\.compressedBytesErrorBound))
        #expect(streamed.layers.contains { $0.compressedBytesSource == .estimated })
    }
}
