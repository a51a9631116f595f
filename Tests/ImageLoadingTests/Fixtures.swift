import Foundation
import ImageLoading
import ImageModel
import PlimsollTestSupport
import Testing

/// Shared specs and helpers for the loader's tests. Expected values come from the specs (through
/// PlimsollTestSupport's reference merge), never from the loader.
enum Fixtures {
    /// A scratch directory, removed when the process exits.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "plimsoll-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Four layers that exercise every merge rule: overwrite, whiteout (file and directory), opaque
    /// directory, a path written twice in one layer, hardlinks, symlinks, and an empty layer.
    static func stackedLayers(compression: LayerBlobCompression) -> [LayerSpec] {
        [
            LayerSpec(
                entries: [
                    .dir("etc"), .file("etc/os-release", text: "ID=debian\n"),
                    .dir("usr"), .dir("usr/lib"), .file("usr/lib/libfoo.so", size: 50_000),
                    .hardlink("usr/lib/libfoo.so.1", target: "usr/lib/libfoo.so"),
                    .dir("usr/bin"), .symlink("usr/bin/foo", target: "../lib/libfoo.so"),
                    .dir("app"), .file("app/old.js", size: 1_000), .dir("app/dir"),
                    .file("app/dir/a.txt", size: 300), .file("app/dir/b.txt", size: 400),
                    .dir("tmp"), .file("tmp/cache.bin", size: 5_000, content: .pseudoRandom(seed: 7)),
                ], compression: compression, createdBy: "/bin/sh -c #(nop) ADD file:base in / "),
            LayerSpec(
                entries: [
                    .file("app/old.js", size: 1_200), .whiteout("tmp/cache.bin"), .opaque("app/dir"),
                    .file("app/dir/c.txt", size: 100), .file("app/new.js", size: 777),
                    .file("app/twice.txt", size: 10), .file("app/twice.txt", size: 20),
                ], compression: compression, createdBy: "/bin/sh -c npm ci"),
            LayerSpec(entries: [], compression: compression, createdBy: "/bin/sh -c true"),
            LayerSpec(
                entries: [.whiteout("app/dir"), .file("usr/lib/libfoo.so", size: 60_000)],
                compression: compression, createdBy: "RUN /bin/sh -c apt-get upgrade # buildkit"),
        ]
    }

    static func image(_ layers: [LayerSpec], tags: [String] = ["example/app:1.0"], platform: PlatformSpec = .linuxAMD64,
                      config: ConfigSpec = ConfigSpec(user: "1001", workdir: "/app", healthcheck: ["CMD", "true"],
                                                      extraEmptyHistory: [EmptyHistorySpec(afterLayer: 1, createdBy: "/bin/sh -c #(nop)  ENV A=1")])) -> ImageSpec {
        ImageSpec(tags: tags, layers: layers, config: config, platform: platform)
    }

    /// Checks every figure of `image` against `spec` and what the builder wrote.
    static func expectMatches(_ image: LoadedImage, _ spec: ImageSpec, _ written: WrittenImage, _ label: String) {
        let expected = ExpectedFilesystem.merge(spec.layers)
        #expect(image.layers.count == spec.layers.count, "\(label)")
        #expect(image.contentBytes == spec.contentBytes, "\(label) content")
        #expect(image.finalBytes == expected.finalBytes, "\(label) final")
        #expect(image.wastedBytes == expected.wastedBytes.reduce(0, +), "\(label) wasted")
        #expect(image.contentBytes == image.finalBytes + image.wastedBytes, "\(label) invariant")
        #expect(image.configDigest == written.configDigest, "\(label) config digest")
        let history = spec.config.resolvedHistory(layers: spec.layers).filter { !$0.emptyLayer }.map(\.createdBy)
        for (index, layer) in image.layers.enumerated() where index < spec.layers.count {
            let layerSpec = spec.layers[index]
            let writtenLayer = written.layers[index]
            let name = "\(label) layer \(index)"
            #expect(layer.contentBytes == layerSpec.contentBytes, "\(name) content")
            #expect(layer.fileCount == layerSpec.fileCount, "\(name) files")
            #expect(layer.entryCount == layerSpec.entryCount, "\(name) entries")
            #expect(layer.wastedBytes == expected.wastedBytes[index], "\(name) wasted")
            #expect(layer.tarBytes == writtenLayer.tarSize, "\(name) tar bytes")
            #expect(layer.diffID == writtenLayer.diffID, "\(name) diff_id")
            #expect(layer.compression.rawValue == writtenLayer.compression.rawValue, "\(name) compression")
            #expect(layer.compressedBytes == (writtenLayer.compression == .none ? nil : writtenLayer.blobSize), "\(name) compressed")
            #expect(layer.createdBy == (index < history.count ? history[index] : nil), "\(name) history")
        }
        let ours = Dictionary(uniqueKeysWithValues: image.files.filter { $0.kind == .regular || $0.kind == .hardlink }
            .map { (String($0.path.dropFirst()), "\($0.kind == .regular ? "file" : "link") \($0.sizeBytes) \($0.layer)") })
        let theirs = expected.files.mapValues { "\($0.kind == .regular ? "file" : "link") \($0.size) \($0.layer)" }
        #expect(ours == theirs, "\(label) final files")
    }
}
