extension LoadedImage {
    /// For an estimated image total, the relative bound it states: the layers' bounds weighted by
    /// their estimated bytes (exact and stored layers count 0). This assumes every layer errs the
    /// same way, so it never claims more than the layers do. Nil unless the total is an estimate.
    public var compressedBytesErrorBound: Double? {
        guard compressedBytesSource == .estimated, let total = compressedBytes, total > 0 else { return nil }
        var weighted = 0.0
        for layer in layers {
            guard let bytes = layer.compressedBytes else { return nil }
            weighted += (layer.compressedBytesErrorBound ?? 0) * Double(bytes)
        }
        return (weighted / Double(total) * 10_000).rounded(.up) / 10_000
    }
}
