/// How much of a layer the estimator deflates, and in what pieces.
///
/// The numbers follow from how deflate behaves on what image layers hold (measured on mixed
/// layers of text, shared libraries, gzip'd and zero-filled files; see Docs/wire-size.md):
/// - A piece is deflated with the 32 KiB that precede it as a preset dictionary, so it compresses
///   as it would in the middle of the stream (deflate looks back at most 32 KiB). Without it, a
///   16 KiB piece of text costs 4-6% more than mid-stream.
/// - A piece ends deflate's last block early, with Huffman tables fitted to that piece alone.
///   Text and binaries yield a block every few tens of KiB, so 16 KiB pieces are within ~1% (a
///   little cheaper, from better-fitted tables). Zero-filled runs yield one symbol per 258 bytes,
///   so a 16 KiB piece of zeros costs ~50% more than mid-stream and a 1 MiB piece ~1% more. The
///   piece size therefore follows the compressibility of the layer's head (the pilot): long
///   enough to yield about `targetOutputBytesPerChunk`.
/// - Pieces are spread systematically over the layer (one per equal interval, at a pseudo-random
///   offset inside it), so the sample is stratified by position: runs of text, libraries,
///   compressed assets and zeros are each sampled in proportion to their length. Where kinds
///   alternate file by file (node_modules), only the number of pieces helps, hence small pieces
///   and a floor of `minimumIntervals` pieces for mid-sized layers.
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
    /// At least this many intervals (pieces) per layer, so that mid-sized layers (tens of MB)
    /// get enough pieces for a usable bound; this samples more than `fraction` of them.
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

    /// Deflates about 1/16 of a large layer (1/32 of a highly compressible one), plus a 32 KiB
    /// dictionary per piece: about 1/12 of the work of deflating it all.
    public static let standard = SamplingPolicy(
        fraction: 1.0 / 16, compressibleRatio: 0.05, compressibleFraction: 1.0 / 32,
        compressibleMinimumIntervals: 8, minimumChunkBytes: 16 << 10, maximumChunkBytes: 4 << 20,
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
