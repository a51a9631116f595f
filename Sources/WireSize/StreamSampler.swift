/// Estimates the compressed size of a layer as its bytes stream past once, deflating only the
/// sampled pieces. Feed every byte of the layer, in order, to `observe`.
///
/// The plan is `SampleCursor`'s; the 32 KiB before each piece (deflate's dictionary) are kept
/// from the bytes seen. Layers no longer than `policy.wholeLayerBytes` are deflated whole (exact).
public final class StreamSampler {
    public let length: Int64
    private var cursor: SampleCursor
    private let counter: GzipCounter
    private let whole: Bool
    private var position: Int64 = 0
    private var chunk: SampleCursor.Chunk?
    /// The last `dictionaryBytes` bytes seen (fewer at the start), oldest first.
    private let history: UnsafeMutableRawBufferPointer
    private var historyCount = 0

    /// `length`: the layer's length in bytes, known from the outer tar header.
    public init(length: Int64, level: Int = 6, policy: SamplingPolicy = .standard) throws(WireSizeError) {
        self.length = length
        cursor = SampleCursor(length: length, policy: policy)
        whole = cursor.deflatesWhole
        counter = try GzipCounter(level: level, format: whole ? .gzip : .raw)
        history = .allocate(byteCount: Int(policy.dictionaryBytes), alignment: 16)
        if !whole { chunk = cursor.next() }
    }

    deinit { history.deallocate() }

    /// Takes the next bytes of the layer.
    public func observe(_ block: UnsafeRawBufferPointer) {
        if whole {
            counter.update(block)
            position += Int64(block.count)
            return
        }
        var rest = block
        while !rest.isEmpty {
            guard let current = chunk else {
                remember(rest)
                position += Int64(rest.count)
                return
            }
            if position < current.start {
                let take = Int(min(Int64(rest.count), current.start - position))
                remember(UnsafeRawBufferPointer(rebasing: rest[0..<take]))
                position += Int64(take)
                rest = UnsafeRawBufferPointer(rebasing: rest[take...])
                continue
            }
            if position == current.start {
                let count = Int(min(Int64(historyCount), current.start - current.dictionaryStart))
                let dictionary = UnsafeRawBufferPointer(
                    rebasing: UnsafeRawBufferPointer(history)[(historyCount - count)..<historyCount])
                try? counter.reset(dictionary: dictionary)  // a failure is kept and thrown by finish
            }
            let take = Int(min(Int64(rest.count), current.end - position))
            let piece = UnsafeRawBufferPointer(rebasing: rest[0..<take])
            counter.update(piece)
            remember(piece)
            position += Int64(take)
            rest = UnsafeRawBufferPointer(rebasing: rest[take...])
            if position == current.end {
                if let output = try? counter.finish() {
                    cursor.record(current, outputBytes: output)
                }
                chunk = cursor.next()
            }
        }
    }

    /// The figure once every byte was observed. Throws zlib's failure, or when the stream ended
    /// before `length` bytes (a truncated layer).
    public func finish() throws(WireSizeError) -> CompressedSizeFigure {
        if whole {
            let bytes = try counter.finish()
            guard position == length else { throw shortStream() }
            return CompressedSizeFigure(bytes: bytes, source: .exact)
        }
        _ = try counter.finish()
        guard chunk == nil, let figure = cursor.figure() else { throw shortStream() }
        return figure
    }

    private func shortStream() -> WireSizeError {
        WireSizeError(call: "sample", status: 0, message: "the layer stream ended at byte \(position) of \(length)")
    }

    private func remember(_ bytes: UnsafeRawBufferPointer) {
        let capacity = history.count
        guard capacity > 0, !bytes.isEmpty else { return }
        if bytes.count >= capacity {
            history.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - capacity)...]))
            historyCount = capacity
            return
        }
        let keep = min(historyCount, capacity - bytes.count)
        if keep > 0, let base = history.baseAddress {
            // Slide the newest `keep` bytes to the front, then append.
            (base).copyMemory(from: base + (historyCount - keep), byteCount: keep)
        }
        UnsafeMutableRawBufferPointer(rebasing: history[keep..<(keep + bytes.count)]).copyMemory(from: bytes)
        historyCount = keep + bytes.count
    }
}
