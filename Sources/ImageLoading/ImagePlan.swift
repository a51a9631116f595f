import ImageModel

/// An image as its manifest describes it, before any layer is scanned.
struct ImagePlan: Sendable {
    var tags: [String]
    var configPath: String
    var config: ImageConfigDocument
    var configDigest: String?
    var manifestDigest: String?
    var platform: Platform?
    /// Resolved blob paths inside the tarball, bottom layer first.
    var layerPaths: [String]
    /// Media types from an OCI manifest, when there is one (same order as `layerPaths`).
    var layerMediaTypes: [String?]
    /// The blob digests the manifest states, when it states them.
    var layerDigests: [String?]
    var notes: [String] = []
    /// True for registry blobs: their descriptor sizes are what a pull transfers, whatever the
    /// compression, so they are the compressed figure (`stored`) even for uncompressed layers.
    var blobSizesAreWireSizes = false
}
