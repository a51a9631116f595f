import PlimsollTestSupport
import Testing

/// Hand-computed cases for the reference merge: it is an oracle, so its answers are checked
/// against arithmetic done by a person, not against another implementation.
@Suite struct ExpectedFilesystemTests {
    /// content - final == sum of wasted, whatever the layers.
    private func checkInvariant(_ merged: ExpectedFilesystem) {
        #expect(merged.contentBytes.reduce(0, +) - merged.finalBytes == merged.wastedBytes.reduce(0, +))
    }

    @Test func sampleImage() {
        let merged = ExpectedFilesystem.merge([Samples.base, Samples.app])
        #expect(merged.wastedBytes == [12, 0])
        #expect(merged.finalBytes == 40_000 + 11 + 3_000_000)
        #expect(merged.entries["etc/os-release"] == ExpectedFile(size: 11, layer: 1, kind: .regular))
        #expect(merged.entries["bin/sh"] == ExpectedFile(size: 0, layer: 0, kind: .hardlink))
        #expect(merged.entries["bin/ls"] == nil)
        #expect(Set(merged.files.keys) == ["etc/os-release", "bin/busybox", "bin/sh", "app/big.bin"])
        checkInvariant(merged)
    }

    @Test func samePathTwiceInOneLayerWastesTheEarlierCopy() {
        let merged = ExpectedFilesystem.merge([LayerSpec([.file("a", size: 5), .file("a", size: 7)])])
        #expect(merged.wastedBytes == [5])
        #expect(merged.entries["a"]?.size == 7)
        checkInvariant(merged)
    }

    @Test(arguments: [true, false])
    func whiteoutHidesOnlyLowerLayers(whiteoutFirst: Bool) {
        let upper: [EntrySpec] = whiteoutFirst ? [.whiteout("x"), .file("x", size: 4)] : [.file("x", size: 4), .whiteout("x")]
        let merged = ExpectedFilesystem.merge([LayerSpec([.file("x", size: 3)]), LayerSpec(upper)])
        #expect(merged.wastedBytes == [3, 0])
        #expect(merged.entries["x"] == ExpectedFile(size: 4, layer: 1, kind: .regular))
        checkInvariant(merged)
    }

    @Test func opaqueDirectoryHidesLowerContents() {
        let lower = LayerSpec([.dir("d"), .file("d/a", size: 10), .file("d/sub/b", size: 20), .file("e", size: 1)])
        let upper = LayerSpec([.opaque("d"), .file("d/c", size: 5)])
        let merged = ExpectedFilesystem.merge([lower, upper])
        #expect(merged.wastedBytes == [30, 0])
        #expect(Set(merged.files.keys) == ["d/c", "e"])
        #expect(merged.entries["d"]?.kind == .directory)
        checkInvariant(merged)
    }

    @Test func whiteoutOfADirectoryAndFileOverDirectory() {
        let lower = LayerSpec([.file("dir/a", size: 2), .file("dir/b", size: 3), .dir("x"), .file("x/y", size: 6)])
        let upper = LayerSpec([.whiteout("dir"), .file("x", size: 1)])
        let merged = ExpectedFilesystem.merge([lower, upper])
        #expect(merged.wastedBytes == [11, 0])
        #expect(merged.entries["x"] == ExpectedFile(size: 1, layer: 1, kind: .regular))
        #expect(merged.entries.keys.allSatisfy { !$0.hasPrefix("dir") })
        checkInvariant(merged)
    }

    @Test func markersAndPrefixesAreNormalised() {
        let lower = LayerSpec(
            [.file("a", size: 1), .file(".wh..wh.aufs", size: 0), .file(".wh..wh.plnk/1.2", size: 0), .dir(".")],
            pathPrefix: "./"
        )
        let upper = LayerSpec([.file("/a", size: 2), .file("b/.wh.c", size: 0)])
        #expect(lower.contentBytes == 1 && lower.fileCount == 1 && lower.entryCount == 4)
        #expect(upper.contentBytes == 2 && upper.fileCount == 1)
        let merged = ExpectedFilesystem.merge([lower, upper])
        #expect(merged.wastedBytes == [1, 0])
        #expect(Set(merged.entries.keys) == ["a"])
        checkInvariant(merged)
    }
}
