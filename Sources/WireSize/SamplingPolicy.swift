/// How much of a layer the estimator deflates, and in what pieces.
///
/// The numbers follow from how deflate behaves on what image layers hold:
/// - A piece is deflated with the 32 KiB that precede it as a preset dictionary, so it compresses
///   as it would in the middle of the stream (deflate looks back at most 32 KiB).
/// - A piece ends deflate's last block early, and a block's Huffman tables are fitted to few
///   symbols, so a piece costs a little more than the same bytes mid-stream. Text and binaries
///   yield a block of symbols every ~50 KiB, so 64 KiB pieces are fine; zero-filled runs yield one
///   symbol per 258 bytes, so a piece of zeros must be megabytes long to cost what it would in the
///   stream. The piece size therefore follows the compressibility of the layer's head (the pilot): large enough that a
///   piece yields about `targetOutputBytesPerChunk`.
/// - Pieces are spread systematically over the layer (one per interval of `chunk / fraction`
///   bytes, at a pseudo-random offset inside it), so the sample is stratified by position: runs
///   of text, libraries, compressed assets and zeros are each sampled in proportion to their length.
public struct SamplingPolicy: Sendable, Equatable {
    /// Share of the layer's bytes deflated.
    public var fraction: Double
    /// Layers whose head deflates below this ratio (zero-filled files, sparse weights) are
    /// sampled at `compressibleFraction` with at least `compressibleMinimumIntervals` intervals:
    /// they deflate so fast that the header scan dominates the estimate's time, they are uniform
    /// enough for fewer intervals, and their pieces must stay long (see above).
    public var compressibleRatio: Double
    public var compressibleFraction: Double
    public var compressibleMinimumIntervals: Int64
    /// Smallest and largest piece.
    public var minimumChunkBytes: Int64
    public var maximumChunkBytes: Int64
    /// Compressed bytes a piece should yield for its block overhead to be negligible (~0.5%).
    public var targetOutputBytesPerChunk: Int64
    /// At least this many intervals per layer, so that no interval stands for a large share.
    public var minimumIntervals: Int64
    /// Layers up to this long are deflated whole (the result is then exact).
    public var wholeLayerBytes: Int64
    /// The layer's head, deflated whole first; its ratio sets the piece size.
    public var pilotBytes: Int64
    /// Preceding bytes given to deflate as its dictionary.
    public var dictionaryBytes: Int64
    /// Bias the bound allows for beyond sampling variance (piece edges, block tables).
    public var biasAllowance: Double
    /// Standard errors in the stated bound (2: about 95% of estimates fall inside it).
    public var standardErrors: Double

    /// Deflates about 1/16 of a layer: at least 8x faster than deflating it all.
    public static let standard = SamplingPolicy(
        fraction: 1.0 / 16, compressibleRatio: 0.05, compressibleFraction: 1.0 / 32,
        compressibleMinimumIntervals: 16, minimumChunkBytes: 16 << 10, maximumChunkBytes: 4 << 20,
        targetOutputBytesPerChunk: 4 << 10, minimumIntervals: 512, wholeLayerBytes: 8 << 20, pilotBytes: 1 << 20,
        dictionaryBytes: 32 << 10, biasAllowance: 0.02, standardErrors: 2)

    public init(
        fraction: Double, compressibleRatio: Double, compressibleFraction: Double,
        compressibleMinimumIntervals: Int64, minimumChunkBytes: Int64, maximumChunkBytes: Int64,
        targetOutputBytesPerChunk: Int64, minimumIntervals: Int64, wholeLayerBytes: Int64, pilotBytes: Int64,
        dictionaryBytes: Int64, biasAllowance: Double, standardErrors: Double
    ) {
        self.fraction = fraction
        self.compressibleRatio = compressibleRatio
        self.compressibleFraction = compressibleFraction
        self.compressibleMinimumIntervals = compressibleMinimumIntervals
        self.minimumChunkBytes = minimumChunkBytes
        self.maximumChunkBytes = maximumChunkBytes
        self.targetOutputBytesPerChunk = targetOutputBytesPerChunk
        self.minimumIntervals = minimumIntervals
        self.wholeLayerBytes = wholeLayerBytes
        self.pilotBytes = pilotBytes
        self.dictionaryBytes = dictionaryBytes
        self.biasAllowance = biasAllowance
        self.standardErrors = standardErrors
    }
}
