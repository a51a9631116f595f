import ImageModel

extension LayerSharing {
    /// The shared layers of measured images (a check run, or the fleet at one moment of the
    /// history). Content bytes a measurement does not attribute to a listed layer (a record that
    /// lists no layers) count as one layer of its own that no other image shares, so the plain
    /// sum is always the measurements' content bytes.
    public init(measurements: [ImageMeasurement]) {
        self.init(
            images: measurements.map { measurement in
                var layers = measurement.layers.map {
                    Layer(diffID: $0.diffID, blobDigest: $0.blobDigest, contentBytes: $0.contentBytes, compressedBytes: $0.compressedBytes)
                }
                let unlisted = measurement.contentBytes - layers.reduce(0) { $0 + $1.contentBytes }
                if unlisted != 0 { layers.append(Layer(diffID: nil, contentBytes: unlisted, compressedBytes: nil)) }
                return layers
            },
            compressedBytesSources: measurements.map(\.compressedBytesSource))
    }
}
