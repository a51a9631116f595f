import ImageModel

/// Decides where the sampled pieces of a layer lie, front to back, and turns their compressed
/// sizes into an estimate with an error bound.
///
/// The plan has two parts:
/// 1. A pilot: the layer's first `pilotBytes`, deflated whole. Its ratio sets the piece size for
///    the rest (see `SamplingPolicy`); its own output counts exactly.
/// 2. The rest of the layer is cut into `n` equal intervals, and one piece at a pseudo-random
///    offset in each is deflated (systematic sampling, i.e. stratified by position: runs of text,
///    libraries, compressed assets and zeros are each sampled in proportion to their length).
///
/// Every piece stands for its interval with the same weight, fixed before any piece is measured:
/// letting earlier pieces widen later intervals would stretch compressible content over what
/// follows it and bias the estimate low. The plan uses only bytes already seen, so a stream is
/// sampled in the one pass that reads it, and a file range is sampled identically.
///
/// Estimate: pilot output + sum of interval length x piece ratio + the gzip wrapper. Variance: the
/// successive-difference estimator for systematic samples, which counts a change of content from
/// one interval to the next as sampling error, so layers with long runs of unlike content state
/// wider bounds.
public struct SampleCursor: Sendable {
    /// One piece to deflate: `[start, end)`, primed with `[dictionaryStart, start)`, standing for
    /// the interval `[intervalStart, intervalEnd)`.
    public struct Chunk: Sendable, Equatable {
        public var dictionaryStart: Int64
        public var start: Int64
        public var end: Int64
        public var intervalStart: Int64
        public var intervalEnd: Int64

        public var length: Int64 { end - start }
        public var intervalLength: Int64 { intervalEnd - intervalStart }
        /// The pilot is the layer's head, deflated whole; it stands only for itself.
        public var isPilot: Bool { start == 0 && intervalStart == 0 && end == intervalEnd }
    }

    public let length: Int64
    public let policy: SamplingPolicy
    private var pilotOutput: Int64?
    private var pilotLength: Int64 = 0
    private var chunkBytes: Int64 = 0
    /// The share sampled after the pilot: `policy.fraction`, or `compressibleFraction`.
    private var fraction = 0.0
    private var intervals: Int64 = 0
    private var nextInterval: Int64 = 0
    private var measured: [(interval: Int64, input: Int64, output: Int64)] = []
    private var pending = false

    public init(length: Int64, policy: SamplingPolicy = .standard) {
        self.length = max(0, length)
        self.policy = policy
    }

    /// True when the layer is small enough to deflate whole (then no chunks are planned).
    public var deflatesWhole: Bool { length <= max(policy.wholeLayerBytes, policy.pilotBytes * 2) }

    /// The next piece, or nil when the layer is covered. Call `record` for it before asking again.
    public mutating func next() -> Chunk? {
        guard !deflatesWhole, !pending else { return nil }
        if pilotOutput == nil {
            pilotLength = policy.pilotBytes
            pending = true
            return Chunk(dictionaryStart: 0, start: 0, end: pilotLength, intervalStart: 0, intervalEnd: pilotLength)
        }
        guard nextInterval < intervals else { return nil }
        let rest = length - pilotLength
        let lower = pilotLength + rest * nextInterval / intervals
        let upper = pilotLength + rest * (nextInterval + 1) / intervals
        let piece = min(chunkBytes, upper - lower)
        let slack = upper - lower - piece
        let offset = slack > 0 ? Int64(Self.mix(UInt64(bitPattern: length) &+ UInt64(nextInterval)) % UInt64(slack + 1)) : 0
        let start = lower + offset
        nextInterval += 1
        pending = true
        return Chunk(
            dictionaryStart: max(0, start - policy.dictionaryBytes), start: start, end: start + piece,
            intervalStart: lower, intervalEnd: upper)
    }

    /// Records what deflate made of a piece (raw deflate bytes, no gzip wrapper).
    public mutating func record(_ chunk: Chunk, outputBytes: Int64) {
        pending = false
        if pilotOutput == nil {
            pilotOutput = outputBytes
            plan(pilotRatio: Double(outputBytes) / Double(max(1, chunk.length)))
            return
        }
        measured.append((chunk.intervalLength, chunk.length, outputBytes))
    }

    /// Pieces measured so far, the pilot included.
    public var measuredCount: Int { measured.count + (pilotOutput == nil ? 0 : 1) }
    /// Bytes deflated so far, the pilot included and dictionaries excluded.
    public var sampledBytes: Int64 { measured.reduce(pilotOutput == nil ? 0 : pilotLength) { $0 + $1.input } }

    /// The estimate once every piece is measured; nil before.
    public func figure() -> CompressedSizeFigure? {
        guard let pilotOutput, !pending, nextInterval == intervals, !measured.isEmpty else { return nil }
        var total = Double(pilotOutput)
        var squaredWeights = 0.0
        let ratios = measured.map { Double($0.output) / Double(max(1, $0.input)) }
        for (item, ratio) in zip(measured, ratios) {
            total += Double(item.interval) * ratio
            squaredWeights += Double(item.interval) * Double(item.interval)
        }
        var bound = 1.0
        if ratios.count >= 2 {
            var sum = 0.0
            for i in 1..<ratios.count {
                let step = ratios[i] - ratios[i - 1]
                sum += step * step
            }
            let unitVariance = sum / Double(2 * (ratios.count - 1))
            let sampled = Double(sampledBytes - pilotLength) / Double(max(1, length - pilotLength))
            let variance = max(0, 1 - sampled) * squaredWeights * unitVariance
            let relative = total > 0 ? variance.squareRoot() / total : 0
            bound = min(1, policy.biasAllowance + policy.standardErrors * relative)
        }
        let bytes = Int64(total.rounded()) + GzipCounter.gzipWrapperBytes
        // Four decimals (0.0538 = ±5.38%), rounded up: the bound never claims more than it has.
        return CompressedSizeFigure(bytes: bytes, source: .estimated, errorBound: (bound * 10_000).rounded(.up) / 10_000)
    }

    /// Piece size from the pilot's ratio (enough bytes to yield the target output), then as many
    /// intervals as the sampled fraction allows, and never fewer than the minimum.
    private mutating func plan(pilotRatio: Double) {
        let rest = length - pilotLength
        let compressible = pilotRatio < policy.compressibleRatio
        fraction = compressible ? policy.compressibleFraction : policy.fraction
        let fewest = compressible ? policy.compressibleMinimumIntervals : policy.minimumIntervals
        let wanted = Double(policy.targetOutputBytesPerChunk) / max(pilotRatio, 1e-6)
        var piece = min(policy.maximumChunkBytes, max(policy.minimumChunkBytes, Int64(wanted)))
        // With few intervals, each would stand for too much: shrink pieces to keep the minimum.
        let widest = Int64(Double(rest) * fraction) / max(1, fewest)
        piece = max(policy.minimumChunkBytes, min(piece, widest))
        chunkBytes = piece
        intervals = max(fewest, Int64((Double(rest) * fraction / Double(piece)).rounded(.up)))
        intervals = max(1, min(intervals, rest / max(1, piece)))
    }

    /// splitmix64: a fixed pseudo-random offset per interval, so the same layer samples the same way.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
