import ImageModel

extension ByteFormatter {
    /// A compressed size with where it comes from, as every report prints it:
    /// "1.2 GB (stored)", "1.2 GB (exact)", "1.2 GB (estimated ±2%)", "unknown".
    public func compressed(_ bytes: Int64?, source: CompressedBytesSource, errorBound: Double?) -> String {
        guard let bytes else { return "unknown" }
        return string(bytes) + " (" + Self.compressedLabel(source, errorBound: errorBound) + ")"
    }

    /// "stored", "exact", "estimated ±2.4%", "unknown".
    public static func compressedLabel(_ source: CompressedBytesSource, errorBound: Double?) -> String {
        guard source == .estimated, let errorBound else { return source.rawValue }
        let percent = errorBound * 100
        return "estimated ±" + fixed(percent, decimals: percent < 10 ? 1 : 0) + "%"
    }
}
