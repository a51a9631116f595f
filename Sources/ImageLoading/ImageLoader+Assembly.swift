import ImageModel

extension ImageLoader {
    /// Builds the loaded image from its plan and its layers' scans: pairs history with layers,
    /// names media types, checks digests that the tarball states, and merges the filesystem.
    /// `layerScans` is consumed: the merge frees each layer's entries once it has applied them,
    /// which only happens when no caller still holds a copy of the array (their `largeFiles`
    /// stay, for the digester). `digester` (when duplicate files are looked for) hashes the final
    /// files that may be copies.
    func image(
        from plan: ImagePlan, layerScans: consuming [LayerScan], notes inherited: [String], inputName: String,
        digester: ContentDigester? = nil
    ) -> LoadedImage {
        var notes = inherited + plan.notes
        let merged = OverlayMerger.merge(&layerScans)
        let digested = digester?.digests(merged.files, scans: layerScans)
        let createdBy = Self.pairHistory(plan.config.history, layerCount: layerScans.count, notes: &notes)
        if !plan.config.diffIDs.isEmpty && plan.config.diffIDs.count != layerScans.count {
            notes.append("the config lists \(plan.config.diffIDs.count) diff_ids for \(layerScans.count) layers")
        }
        var layers: [ImageLayer] = []
        for (index, scan) in layerScans.enumerated() {
            let path = plan.layerPaths[index]
            let diffID = plan.config.diffIDs.count == layerScans.count ? plan.config.diffIDs[index] : nil
            let blobDigest = plan.layerDigests[index]
            // An uncompressed blob's digest is its diff_id; the tarball states it, so check it.
            if scan.compression == .none, let diffID, let blobDigest, diffID != blobDigest {
                notes.append("layer \(index) (\(path)): blob digest \(blobDigest) does not match the config's diff_id \(diffID)")
            }
            notes.append(contentsOf: scan.notes)
            let compressed = scan.compression != .none || plan.blobSizesAreWireSizes
            let computed = compressed ? nil : scan.computedCompressedSize
            layers.append(
                ImageLayer(
                    index: index, diffID: diffID, blobDigest: blobDigest, blobPath: path,
                    createdBy: createdBy?[index],
                    mediaType: plan.layerMediaTypes[index] ?? Self.impliedMediaType(scan.compression),
                    compression: scan.compression, tarBytes: scan.tarBytes, contentBytes: scan.contentBytes,
                    compressedBytes: compressed ? scan.storedBytes : computed?.bytes,
                    compressedBytesSource: compressed ? .stored : computed?.source ?? .unknown,
                    compressedBytesErrorBound: computed?.errorBound,
                    entryCount: scan.entryCount, fileCount: scan.fileCount,
                    wastedBytes: merged.wastedBytes[index]))
        }
        notes.append(contentsOf: digested?.notes ?? [])
        let name = plan.tags.first ?? plan.configDigest.map { "sha256:" + $0.dropFirst(7).prefix(12) } ?? inputName
        var image = LoadedImage(
            name: name, tags: plan.tags, configDigest: plan.configDigest, manifestDigest: plan.manifestDigest,
            platform: plan.platform, config: plan.config.facts, layers: layers, files: merged.files,
            captured: merged.captured, wasteCauses: merged.causes, largestWasted: merged.largestWasted, notes: notes)
        image.fileDigests = digested?.digests ?? [:]
        return image
    }

    /// History steps that made layers: those not marked `empty_layer`, in order. When the counts do
    /// not agree, steps are not guessed.
    static func pairHistory(_ history: [ImageConfigDocument.HistoryEntry]?, layerCount: Int, notes: inout [String]) -> [String?]? {
        guard let history else { return nil }
        let made = history.filter { !$0.emptyLayer }
        if made.count == layerCount { return made.map(\.createdBy) }
        if history.count == layerCount {
            notes.append("history marks steps as empty that made layers; steps paired by position")
            return history.map(\.createdBy)
        }
        notes.append("history has \(made.count) steps that made layers for \(layerCount) layers; steps not shown")
        return nil
    }

    static func impliedMediaType(_ compression: LayerCompression) -> String {
        switch compression {
        case .none: return "application/vnd.docker.image.rootfs.diff.tar"
        case .gzip, .estargz: return "application/vnd.docker.image.rootfs.diff.tar.gzip"
        case .zstd: return "application/vnd.oci.image.layer.v1.tar+zstd"
        case .other: return "application/octet-stream"
        }
    }
}
