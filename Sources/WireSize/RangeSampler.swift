/// Estimates the compressed size of a layer that can be read at any offset (a byte range of a
/// seekable tarball), by reading and deflating only the sampled pieces.
///
/// It reads through its own `read` function, so it does not disturb a header-only scan of the
/// same range. Layers no longer than `policy.wholeLayerBytes` are deflated whole (exact).
public struct RangeSampler {
    /// Reads up to `buffer.count` bytes at `offset` (relative to the layer's start); returns how
    /// many were read, 0 only past the end.
    public typealias Read = (_ offset: Int64, _ buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// Bytes read per call.
    static let readBytes = 1 << 20

    public var level: Int
    public var policy: SamplingPolicy

    public init(level: Int = 6, policy: SamplingPolicy = .standard) {
        self.level = level
        self.policy = policy
    }

    /// The estimate (or, for small layers, the exact size) of a layer of `length` bytes.
    public func figure(length: Int64, read: Read) throws -> CompressedSizeFigure {
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: Self.readBytes + Int(policy.dictionaryBytes), alignment: 16)
        defer { buffer.deallocate() }
        var cursor = SampleCursor(length: length, policy: policy)
        if cursor.deflatesWhole {
            let counter = try GzipCounter(level: level, format: .gzip)
            try feed(counter, from: 0, to: length, buffer: buffer, read: read)
            return CompressedSizeFigure(bytes: try counter.finish(), source: .exact)
        }
        let counter = try GzipCounter(level: level, format: .raw)
        while let chunk = cursor.next() {
            let dictionaryLength = Int(chunk.start - chunk.dictionaryStart)
            let dictionary = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<dictionaryLength])
            try fill(dictionary, at: chunk.dictionaryStart, read: read)
            try counter.reset(dictionary: UnsafeRawBufferPointer(dictionary))
            try feed(counter, from: chunk.start, to: chunk.end, buffer: buffer, read: read)
            cursor.record(chunk, outputBytes: try counter.finish())
        }
        guard let figure = cursor.figure() else {
            throw WireSizeError(call: "sample", status: 0, message: "no piece of the layer was sampled")
        }
        return figure
    }

    private func feed(
        _ counter: GzipCounter, from start: Int64, to end: Int64, buffer: UnsafeMutableRawBufferPointer,
        read: Read
    ) throws {
        var offset = start
        while offset < end {
            let want = Int(min(Int64(Self.readBytes), end - offset))
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want])
            try fill(slice, at: offset, read: read)
            counter.update(UnsafeRawBufferPointer(slice))
            offset += Int64(want)
        }
    }

    private func fill(_ buffer: UnsafeMutableRawBufferPointer, at offset: Int64, read: Read) throws {
        var done = 0
        while done < buffer.count {
            let got = try read(offset + Int64(done), UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            guard got > 0 else {
                throw WireSizeError(
                    call: "read", status: 0, message: "layer ends at byte \(offset + Int64(done)), before its stated length")
            }
            done += got
        }
    }
}
