import ImageModel

/// Builds the savings plan from the accounting pass's marks: each regular file and each cause of
/// wasted bytes goes to the first fix that claims it, so every byte is removed at most once and
/// what no fix claims remains.
struct SavingsPlanner {
    let image: LoadedImage
    let marks: [FileMark]
    /// The copy of each pending file, in file order (`AccountingPass.pendingCopies`).
    let pendingCopies: [Int32]
    /// Per node package copy: whether the graph found it dev-only.
    let devCopy: [Bool]
    let fixes: [PlanFix]

    func plan() -> SavingsPlan {
        let layerCount = image.layers.count
        var removed = Array(repeating: Int64(0), count: fixes.count)
        var removedFiles = Array(repeating: 0, count: fixes.count)
        var removedWasted = Array(repeating: Int64(0), count: fixes.count)
        // Bytes each fix removes from each layer, for the compressed estimate.
        var removedByLayer = Array(repeating: Array(repeating: Int64(0), count: layerCount), count: fixes.count)
        var remaining = Array(repeating: Int64(0), count: SizeCategory.allCases.count)
        var remainingFiles = Array(repeating: 0, count: SizeCategory.allCases.count)
        let files = image.files
        let categories = SizeCategory.allCases
        // The first mark-decided fix for each (category, node extra, toolchain); fixes.count: none.
        var table = Array(repeating: fixes.count, count: categories.count * 4)
        for category in categories {
            for flags in 0..<4 {
                table[category.order * 4 + flags] = fixes.firstIndex {
                    $0.claimsFile.claims(category: category, nodeExtra: flags & 1 != 0, toolchain: flags & 2 != 0) == true
                } ?? fixes.count
            }
        }
        let custom: [(index: Int, claims: (PlanFile) -> Bool)] = fixes.enumerated().compactMap { index, fix in
            if case .custom(let claims) = fix.claimsFile { return (index, claims) }
            return nil
        }
        var pending = 0
        for (position, mark) in marks.enumerated() where mark.isRegular {
            let category: SizeCategory
            if let given = mark.category {
                category = given
            } else {
                category = .nodePackage(devOnly: devCopy[Int(pendingCopies[pending])])
                pending += 1
            }
            let size = files.sizeBytes(at: position)
            var claimed = table[category.order * 4 + (mark.nodeExtra ? 1 : 0) + (mark.toolchain ? 2 : 0)]
            if !custom.isEmpty, custom[0].index < claimed {
                let file = PlanFile(
                    position: position, sizeBytes: size, category: category, isNodeExtra: mark.nodeExtra,
                    isToolchain: mark.toolchain, files: files)
                for (index, claims) in custom where index < claimed && claims(file) {
                    claimed = index
                    break
                }
            }
            if claimed < fixes.count {
                let fix = claimed
                removed[fix] += size
                removedFiles[fix] += 1
                let layer = files.layer(at: position)
                if layer >= 0 && layer < layerCount { removedByLayer[fix][layer] += size }
            } else {
                remaining[category.order] += size
                remainingFiles[category.order] += 1
            }
        }
        for cause in image.wasteCauses where cause.bytes > 0 {
            if let fix = fixes.firstIndex(where: { $0.claimsWaste(cause) }) {
                removed[fix] += cause.bytes
                removedWasted[fix] += cause.bytes
                if cause.layer >= 0 && cause.layer < layerCount { removedByLayer[fix][cause.layer] += cause.bytes }
            } else {
                remaining[SizeCategory.wasted.order] += cause.bytes
                remainingFiles[SizeCategory.wasted.order] += cause.files
            }
        }

        let compressed = image.compressedBytes
        var projected = image.contentBytes
        var projectedCompressed = compressed
        var steps: [SavingsPlan.Step] = []
        for (index, fix) in fixes.enumerated() where removed[index] > 0 {
            projected -= removed[index]
            if let current = projectedCompressed {
                projectedCompressed = max(0, current - compressedEstimate(removedByLayer[index]))
            }
            steps.append(SavingsPlan.Step(
                id: fix.id, title: fix.title, nextSteps: fix.nextSteps, removedBytes: removed[index],
                removedFiles: removedFiles[index], removedWastedBytes: removedWasted[index], projectedBytes: projected,
                projectedCompressedBytes: projectedCompressed))
        }
        let left = SizeCategory.allCases.filter { remaining[$0.order] > 0 }
            .map { SizeLedger.CategoryTotal(category: $0, bytes: remaining[$0.order], fileCount: remainingFiles[$0.order]) }
            .sorted { ($0.bytes, $1.category.order) > ($1.bytes, $0.category.order) }
        return SavingsPlan(contentBytes: image.contentBytes, compressedBytes: compressed, steps: steps, remaining: left)
    }

    /// The compressed bytes that `bytes` (content bytes per layer) stand for: each layer's share
    /// scaled by that layer's compressed-to-content ratio. Called only when every layer's
    /// compressed size is known.
    private func compressedEstimate(_ bytes: [Int64]) -> Int64 {
        var total = 0.0
        for (layer, count) in zip(image.layers, bytes) where count > 0 && layer.contentBytes > 0 {
            total += Double(count) * Double(layer.compressedBytes ?? 0) / Double(layer.contentBytes)
        }
        return Int64(total.rounded())
    }
}
