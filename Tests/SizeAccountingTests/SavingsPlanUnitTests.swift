import ImageModel
import SizeAccounting
import Testing

/// The planner on images made by hand: which fix takes wasted bytes of each kind of step, and what
/// an image with nothing to fix gets.
@Suite struct SavingsPlanUnitTests {
    static func image(_ files: [FinalFile], layers steps: [(String, Int64, Int64)], causes: [WasteCause]) -> LoadedImage {
        let layers = steps.enumerated().map { index, step in
            ImageLayer(
                index: index, diffID: nil, blobDigest: nil, blobPath: "layer\(index).tar", createdBy: step.0,
                mediaType: "application/vnd.docker.image.rootfs.diff.tar", compression: .none, tarBytes: 0,
                contentBytes: step.1, compressedBytes: nil, compressedBytesSource: .unknown, entryCount: 0, fileCount: 0,
                wastedBytes: step.2)
        }
        return LoadedImage(
            name: "hand", tags: [], configDigest: nil, manifestDigest: nil, platform: nil,
            config: ImageConfigFacts(user: "1001", workdir: "/app", healthcheck: true, entrypoint: nil, cmd: nil),
            layers: layers, files: files.sorted { TestImage.componentOrder($0.path, $1.path) }, captured: [:],
            wasteCauses: causes, largestWasted: [], notes: [])
    }

    @Test func eachKindOfSupersedingStepHasItsFix() throws {
        // Layer 0 writes three files of 1,000, 2,000 and 4,000 bytes; layer 1 chowns the first,
        // layer 2 deletes the second, layer 3 rewrites the third with sed.
        let files = [
            FinalFile(path: "/app/a.js", kind: .regular, sizeBytes: 1_000, layer: 1),
            FinalFile(path: "/app/c.conf", kind: .regular, sizeBytes: 4_000, layer: 3),
        ]
        let image = Self.image(
            files,
            layers: [("COPY . /app", 7_000, 7_000), ("RUN chown 1001 /app/a.js", 1_000, 0), ("RUN rm /app/b.bin", 0, 0),
                ("RUN sed -i s/x/y/ /app/c.conf", 4_000, 0)],
            causes: [
                WasteCause(layer: 0, supersededBy: 1, bytes: 1_000, files: 1), WasteCause(layer: 0, supersededBy: 2, bytes: 2_000, files: 1),
                WasteCause(layer: 0, supersededBy: 3, bytes: 4_000, files: 1),
            ])
        let ledger = try SizeAccountant.standard().account(image)
        #expect(LedgerInvariants.violations(ledger, of: image).isEmpty)
        let steps = ledger.plan.steps
        #expect(steps.map(\.id) == ["set-ownership-when-copying", "delete-in-the-same-step", "avoid-rewriting-layers"])
        #expect(steps.map(\.removedBytes) == [1_000, 2_000, 4_000])
        #expect(steps.map(\.removedWastedBytes) == [1_000, 2_000, 4_000])
        #expect(steps.map(\.removedFiles) == [0, 0, 0])
        // 12,000 bytes of content: 5,000 final bytes remain, all in app.
        #expect(steps.map(\.projectedBytes) == [11_000, 9_000, 5_000])
        #expect(ledger.plan.remaining == [SizeLedger.CategoryTotal(category: .app, bytes: 5_000, fileCount: 2)])
        #expect(steps[1].nextSteps.first?.contains("layer 0") == true)
    }

    @Test func anImageWithNothingToFixKeepsItsSize() throws {
        let files = [
            FinalFile(path: "/app/main.js", kind: .regular, sizeBytes: 3_000, layer: 0),
            FinalFile(path: "/usr/bin/node", kind: .regular, sizeBytes: 9_000, layer: 0),
        ]
        let image = Self.image(files, layers: [("COPY . /", 12_000, 0)], causes: [])
        let plan = try SizeAccountant.standard().account(image).plan
        #expect(plan.steps.isEmpty)
        #expect(plan.projectedBytes == 12_000)
        #expect(plan.removedBytes == 0)
        #expect(plan.remaining.map(\.category) == [.other, .app])
        #expect(plan.remaining.map(\.bytes) == [9_000, 3_000])
    }
}
