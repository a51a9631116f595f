/// What several images of one run have in common: layers with the same `diff_id` are the same
/// bytes, which a registry stores once and a node that runs every image pulls once. Per image, its
/// layers' content bytes split into unique (no other image of the run has the layer) and shared
/// (at least one other image has it); for the run, the plain sum beside the deduplicated total.
///
/// Content bytes are deduplicated by `diff_id` (the same uncompressed tar has the same files).
/// Compressed bytes are deduplicated by blob digest where the input names blobs by digest, else by
/// `diff_id`: a registry keys blobs by their digest, and the same tar compressed twice by
/// different builders is two blobs. A layer without a `diff_id` is never shared.
public struct LayerSharing: Sendable, Equatable {
    /// One layer of one image, as much of it as sharing needs.
    public struct Layer: Sendable, Equatable {
        public var diffID: String?
        public var blobDigest: String?
        public var contentBytes: Int64
        /// Nil when unknown.
        public var compressedBytes: Int64?

        public init(diffID: String?, blobDigest: String? = nil, contentBytes: Int64, compressedBytes: Int64?) {
            self.diffID = diffID
            self.blobDigest = blobDigest
            self.contentBytes = contentBytes
            self.compressedBytes = compressedBytes
        }

        /// The layer of a loaded image.
        public init(_ layer: ImageLayer) {
            self.init(
                diffID: layer.diffID, blobDigest: layer.blobDigest, contentBytes: layer.contentBytes,
                compressedBytes: layer.compressedBytes)
        }

        /// The key a registry stores the compressed blob under.
        var blobKey: String? { blobDigest ?? diffID }
    }

    /// One image's split. `uniqueBytes + sharedBytes` is the sum of its layers' content bytes.
    public struct Image: Sendable, Equatable {
        /// Content bytes of layers no other image of the run has (a layer repeated within this
        /// image only is still unique to it).
        public var uniqueBytes: Int64
        /// Content bytes of layers at least one other image of the run has.
        public var sharedBytes: Int64
        /// How many of its layers are shared.
        public var sharedLayerCount: Int
        public var contentBytes: Int64 { uniqueBytes + sharedBytes }
    }

    /// In input order.
    public var images: [Image]
    /// The plain sum of every image's layers' content bytes.
    public var contentBytes: Int64
    /// Every distinct `diff_id` counted once (layers without one each count).
    public var deduplicatedContentBytes: Int64
    /// The plain sum of every layer's compressed bytes; nil when any layer's is unknown.
    public var compressedBytes: Int64?
    /// Every distinct blob counted once; nil when any layer's compressed size is unknown.
    public var deduplicatedCompressedBytes: Int64?
    /// Where the compressed figures come from: the weakest of the images' sources.
    public var compressedBytesSource: CompressedBytesSource
    /// Distinct `diff_id`s that two or more images have.
    public var sharedLayerCount: Int

    /// Content bytes the plain sum counts more than once.
    public var savedContentBytes: Int64 { contentBytes - deduplicatedContentBytes }

    /// - Parameters:
    ///   - images: each image's layers, in input order. The same image given twice shares every
    ///     layer with itself.
    ///   - compressedBytesSources: each image's compressed-size source.
    public init(images layerLists: [[Layer]], compressedBytesSources: [CompressedBytesSource]) {
        compressedBytesSource = .weakest(compressedBytesSources)
        // Which images hold each diff_id (a set per diff_id, so a layer repeated inside one
        // image does not make it shared).
        var holders: [String: Set<Int>] = [:]
        for (image, layers) in layerLists.enumerated() {
            for layer in layers { if let id = layer.diffID { holders[id, default: []].insert(image) } }
        }
        images = layerLists.map { layers in
            var split = Image(uniqueBytes: 0, sharedBytes: 0, sharedLayerCount: 0)
            for layer in layers {
                if let id = layer.diffID, let images = holders[id], images.count > 1 {
                    split.sharedBytes += layer.contentBytes
                    split.sharedLayerCount += 1
                } else {
                    split.uniqueBytes += layer.contentBytes
                }
            }
            return split
        }
        sharedLayerCount = holders.values.filter { $0.count > 1 }.count

        let all = layerLists.flatMap { $0 }
        contentBytes = all.reduce(0) { $0 + $1.contentBytes }
        var seenDiffIDs = Set<String>()
        var deduplicated: Int64 = 0
        for layer in all where layer.diffID.map({ seenDiffIDs.insert($0).inserted }) ?? true {
            deduplicated += layer.contentBytes
        }
        deduplicatedContentBytes = deduplicated

        var sum: Int64? = 0
        var deduplicatedCompressed: Int64? = 0
        var seenBlobs = Set<String>()
        for layer in all {
            guard let bytes = layer.compressedBytes else {
                sum = nil
                deduplicatedCompressed = nil
                break
            }
            sum? += bytes
            if layer.blobKey.map({ seenBlobs.insert($0).inserted }) ?? true { deduplicatedCompressed? += bytes }
        }
        compressedBytes = sum
        deduplicatedCompressedBytes = deduplicatedCompressed
    }

    /// The loaded images' layers.
    public init(loaded: [LoadedImage]) {
        self.init(images: loaded.map { $0.layers.map(Layer.init) }, compressedBytesSources: loaded.map(\.compressedBytesSource))
    }
}
