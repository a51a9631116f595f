import ImageModel

/// Walks a layer front to back, deciding where the next sampled piece lies, and turns the pieces'
/// compressed sizes into an estimate with an error bound.
///
/// The layer is cut into consecutive intervals; one piece is deflated per interval and stands for
/// it (systematic sampling: a stratified sample by position). A piece's size follows the ratio of
/// the previous pieces (see `SamplingPolicy`), and its interval is `piece / fraction` long, so the
/// sampled share stays `fraction` whatever the content. The decision uses only pieces already
/// measured, which lets a stream be sampled in the one pass that reads it.
///
/// Estimate: T = sum of interval length x piece ratio, plus the gzip wrapper. Variance: the
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
    }

    public let length: Int64
    public let policy: SamplingPolicy
    private var position: Int64 = 0
    private var index: UInt64 = 0
    private var measured: [(interval: Int64, input: Int64, output: Int64)] = []

    public init(length: Int64, policy: SamplingPolicy = .standard) {
        self.length = max(0, length)
        self.policy = policy
    }

    /// True when the layer is small enough to deflate whole (then no chunks are planned).
    public var deflatesWhole: Bool { length <= policy.wholeLayerBytes }

    /// The next piece, or nil when the layer is covered. Call `record` for it before asking again.
    public mutating func next() -> Chunk? {
        guard !deflatesWhole, position < length else { return nil }
        var chunk = preferredChunkBytes()
        var interval = Int64((Double(chunk) / policy.fraction).rounded(.up))
        let widest = max(policy.minimumChunkBytes, length / max(1, policy.minimumIntervals))
        if interval > widest {
            interval = widest
            chunk = max(policy.minimumChunkBytes, Int64(Double(interval) * policy.fraction))
        }
        let remaining = length - position
        // A short tail joins the last interval rather than standing alone.
        if remaining - interval < interval / 2 { interval = remaining }
        chunk = min(chunk, interval)
        let slack = interval - chunk
        let offset = slack > 0 ? Int64(Self.mix(UInt64(bitPattern: length) &+ index) % UInt64(slack + 1)) : 0
        let start = position + offset
        let result = Chunk(
            dictionaryStart: max(0, start - policy.dictionaryBytes), start: start, end: start + chunk,
            intervalStart: position, intervalEnd: position + interval)
        position += interval
        index += 1
        return result
    }

    /// Records what deflate made of a piece (raw deflate bytes, no gzip wrapper).
    public mutating func record(_ chunk: Chunk, outputBytes: Int64) {
        measured.append((chunk.intervalLength, chunk.length, outputBytes))
    }

    /// Pieces measured so far.
    public var measuredCount: Int { measured.count }
    /// Bytes deflated so far, dictionaries excluded.
    public var sampledBytes: Int64 { measured.reduce(0) { $0 + $1.input } }

    /// The estimate from the pieces measured, or nil before any.
    public func figure() -> CompressedSizeFigure? {
        guard !measured.isEmpty else { return nil }
        var total = 0.0
        var squaredWeights = 0.0
        for item in measured {
            total += Double(item.interval) * Double(item.output) / Double(max(1, item.input))
            squaredWeights += Double(item.interval) * Double(item.interval)
        }
        let ratios = measured.map { Double($0.output) / Double(max(1, $0.input)) }
        var bound = 1.0
        if ratios.count >= 2 {
            var sum = 0.0
            for i in 1..<ratios.count {
                let step = ratios[i] - ratios[i - 1]
                sum += step * step
            }
            let unitVariance = sum / Double(2 * (ratios.count - 1))
            let sampled = Double(sampledBytes) / Double(max(1, length))
            let variance = max(0, 1 - sampled) * squaredWeights * unitVariance
            let relative = total > 0 ? variance.squareRoot() / total : 0
            bound = min(1, policy.biasAllowance + policy.standardErrors * relative)
        }
        let bytes = Int64(total.rounded()) + GzipCounter.gzipWrapperBytes
        return CompressedSizeFigure(bytes: bytes, source: .estimated, errorBound: bound)
    }

    /// Piece size from the ratio of the last few pieces: enough bytes to yield the target output.
    private func preferredChunkBytes() -> Int64 {
        let recent = measured.suffix(4)
        let input = recent.reduce(Int64(0)) { $0 + $1.input }
        let output = recent.reduce(Int64(0)) { $0 + $1.output }
        guard input > 0 else { return policy.minimumChunkBytes * 4 }
        let ratio = max(Double(output) / Double(input), 1e-6)
        let wanted = Double(policy.targetOutputBytesPerChunk) / ratio
        return min(policy.maximumChunkBytes, max(policy.minimumChunkBytes, Int64(wanted)))
    }

    /// splitmix64: a fixed pseudo-random offset per interval, so the same layer samples the same way.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
