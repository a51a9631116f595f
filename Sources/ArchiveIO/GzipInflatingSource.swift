import CIsal
import Parallelism

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wraps a byte source: when its bytes are a gzip stream, hands out the inflated bytes instead,
/// inflated with ISA-L (`isal_inflate`, about twice zlib's pace); any other stream passes through
/// untouched, skips included. libarchive then reads the plain tar (and still decompresses zstd and
/// the rest itself).
///
/// The stream is read as libarchive's gzip filter reads it, so the two agree on the same inputs:
/// members follow one another until the bytes after a member are not a gzip header (estargz's TOC
/// member is read; trailing padding or garbage ends the stream silently); deflate data that ends
/// early is "truncated gzip input" and data ISA-L cannot decode is "gzip decompression failed".
/// One difference, on purpose: each member's CRC-32 and length are checked (libarchive skips its
/// trailers unchecked), so a corrupted member is reported rather than read as a damaged tar.
/// Memory is one ISA-L state (about 100 KiB), a 256 KiB output block and a small carry buffer for
/// headers that straddle the upstream's blocks; nothing is written anywhere.
///
/// Use it for any archive whose bytes arrive through a callback: `ArchiveReader.open(source:)`
/// wraps its source in one unless given one already.
///
/// Read-ahead (`readAhead`, for a whole-file gzip read as one stream): a single stream cannot be
/// split between cores, but inflating it and parsing the tar inside can overlap. The source then
/// inflates on a `HelperThread` of its own into a `BlockRing` of 8 output blocks (2 MiB, fixed)
/// while libarchive parses the blocks already made on the caller's thread, so the time is about
/// the larger of the two instead of their sum. A thread owned by the source rather than
/// `ParallelWork`: the producer runs for as long as libarchive pulls from it, beside the consumer.
/// It holds a core of the shared `CoreBudget`; when none is free the source inflates inline as it
/// otherwise does. Errors travel through the ring behind the bytes before them, so libarchive sees
/// the same bytes and the same error in the same order either way.
public final class GzipInflatingSource: ArchiveByteSource {
    private enum Phase {
        /// The first bytes have not been seen yet.
        case undecided
        /// Not gzip: upstream blocks pass through.
        case plain
        case memberHeader
        /// Inside a member's deflate data and trailer.
        case deflate
        case end
    }

    private static let outputSize = 256 * 1024
    private static let readAheadBlocks = 8
    /// A member header longer than this (a name or comment of megabytes) is refused.
    static let maxHeaderBytes = 1 << 20

    private let upstream: ArchiveByteSource
    private var phase = Phase.undecided
    private let state: UnsafeMutablePointer<inflate_state>
    private let output: UnsafeMutableRawPointer
    /// Bytes gathered from several upstream blocks (a member header that straddles them).
    private var carry: UnsafeMutableRawPointer?
    private var carryCapacity = 0
    /// The unread input: part of the upstream's current block, or of `carry`.
    private var input = UnsafeRawBufferPointer(start: nil, count: 0)
    private var upstreamEnded = false
    /// An error met after some output of the current block: thrown by the next read, so the bytes
    /// before a fault reach libarchive first (as they do through its own filter).
    private var pendingError: (any Error)?

    /// What the producer had taken from upstream and begun when it published a block.
    private struct Progress {
        var upstreamBytes: Int64
        var members: Int
        /// The fault met after this block's bytes (or instead of any); nil while the stream goes on.
        var error: (any Error)?
    }

    /// Set by the first read, on the caller's thread; the phase itself belongs to the producer
    /// once read-ahead runs.
    private var inflating = false
    /// The budget a read-ahead thread draws its core from; nil: no read-ahead.
    private let readAheadBudget: CoreBudget?
    private var ring: BlockRing<Progress>?
    private var producer: HelperThread?
    /// The producer's counters as of the last block handed out (read-ahead only).
    private var delivered = Progress(upstreamBytes: 0, members: 0)
    /// Read-ahead's end or fault, once taken from the ring: every later read repeats it.
    private var aheadFinished = false

    /// Bytes taken from upstream (compressed bytes, when inflating) by the thread that inflates.
    private var upstreamCount: Int64 = 0
    private var members = 0

    /// Bytes taken from the upstream source so far (compressed bytes, when inflating); with
    /// read-ahead, as of the bytes handed out so far.
    public var upstreamBytesRead: Int64 { ring == nil ? upstreamCount : delivered.upstreamBytes }
    /// gzip members begun so far (with read-ahead, as of the bytes handed out so far).
    public var memberCount: Int { ring == nil ? members : delivered.members }

    /// `readAhead`: inflate on a thread of its own ahead of the reader (see the type's comment),
    /// with a core from `budget`.
    public init(_ upstream: ArchiveByteSource, readAhead: Bool = false, budget: CoreBudget = .shared) {
        self.upstream = upstream
        readAheadBudget = readAhead ? budget : nil
        state = .allocate(capacity: 1)
        isal_inflate_init(state)
        output = .allocate(byteCount: Self.outputSize, alignment: 64)
    }

    deinit {
        if let producer {
            // The reader stopped early (an error, or it needed no more): stop the producer before
            // freeing what it uses.
            ring?.cancel()
            producer.join()
        }
        state.deallocate()
        output.deallocate()
        free(carry)
    }

    /// True once the stream was found to be gzip (decided by the first read).
    public var isInflating: Bool { inflating }

    /// True when a read-ahead thread was started (a gzip stream, read-ahead asked for, a core free).
    public var isReadingAhead: Bool { ring != nil }

    public func read() throws -> UnsafeRawBufferPointer {
        if case .undecided = phase {
            try decide()
            if inflating, let readAheadBudget { startReadAhead(budget: readAheadBudget) }
        }
        if let ring { return try takeAhead(ring) }
        if case .plain = phase {
            if !input.isEmpty {
                defer { input = UnsafeRawBufferPointer(start: nil, count: 0) }
                return input
            }
            let block = try upstream.read()
            upstreamCount += Int64(block.count)
            return block
        }
        return try inflate()
    }

    public func skip(_ count: Int64) -> Int64 {
        // Only a plain stream whose sniffed bytes are all handed out can skip in the upstream.
        guard !inflating, case .plain = phase, input.isEmpty else { return 0 }
        let skipped = upstream.skip(count)
        upstreamCount += skipped
        return skipped
    }

    // MARK: Read-ahead

    private func startReadAhead(budget: CoreBudget) {
        let ring = BlockRing<Progress>(slotSize: Self.outputSize, slotCount: Self.readAheadBlocks)
        // The thread must not keep the source alive (the reader's release of it is what stops the
        // thread, in `deinit`), and the source outlives the thread: `deinit` joins it before
        // anything it touches is freed.
        let unretained = Unretained(self)
        producer = HelperThread.start(budget: budget) {
            unretained.source._withUnsafeGuaranteedRef { $0.produce(into: ring) }
        }
        if producer != nil { self.ring = ring }
    }

    /// The producer's loop: fill blocks until the stream ends, fails, or the reader cancels.
    private func produce(into ring: BlockRing<Progress>) {
        while let slot = ring.nextFree() {
            let (count, error) = fillBlock(slot)
            let ended = count == 0 || error != nil
            ring.publish(count: count, tag: Progress(upstreamBytes: upstreamCount, members: members, error: error))
            if ended {
                if count > 0 {
                    // The fault goes out behind the bytes before it, as an empty block of its own.
                    guard ring.nextFree() != nil else { return }
                    ring.publish(count: 0, tag: Progress(upstreamBytes: upstreamCount, members: members, error: error))
                }
                return
            }
        }
    }

    private func takeAhead(_ ring: BlockRing<Progress>) throws -> UnsafeRawBufferPointer {
        if aheadFinished {
            if let error = delivered.error { throw error }
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        let (bytes, progress) = ring.take()
        if bytes.isEmpty {
            delivered = progress
            aheadFinished = true
            producer?.join()
            producer = nil
            if let error = progress.error { throw error }
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        // A block with a fault behind it: the fault comes with the next (empty) block.
        delivered = Progress(upstreamBytes: progress.upstreamBytes, members: progress.members)
        return bytes
    }

    // MARK: Input

    /// Takes the upstream's next block as the input; false at its end.
    private func refill() throws -> Bool {
        guard !upstreamEnded else { return false }
        let block = try upstream.read()
        upstreamCount += Int64(block.count)
        if block.isEmpty {
            upstreamEnded = true
            return false
        }
        input = block
        return true
    }

    /// Makes at least `needed` unread bytes contiguous in `input` (copying into `carry` when they
    /// span blocks); false when the upstream ends first, with what there is left in `input`.
    private func gather(_ needed: Int) throws -> Bool {
        if input.count >= needed { return true }
        if input.isEmpty, try refill(), input.count >= needed { return true }
        var have = input.count
        if let base = input.baseAddress, have > 0 {
            reserveCarry(have)
            memmove(carry!, base, have)  // may overlap when the input already sits in `carry`
        }
        while have < needed {
            let block = try upstream.read()
            upstreamCount += Int64(block.count)
            guard let base = block.baseAddress, !block.isEmpty else {
                upstreamEnded = true
                break
            }
            reserveCarry(have + block.count)
            memcpy(carry! + have, base, block.count)
            have += block.count
        }
        input = UnsafeRawBufferPointer(start: have > 0 ? carry : nil, count: have)
        return have >= needed
    }

    private func reserveCarry(_ count: Int) {
        guard count > carryCapacity else { return }
        let capacity = max(count, carryCapacity * 2, 4096)
        guard let grown = realloc(carry, capacity) else { fatalError("out of memory") }
        carry = grown
        carryCapacity = capacity
    }

    private func consume(_ count: Int) {
        input = UnsafeRawBufferPointer(rebasing: input[count...])
    }

    // MARK: gzip

    /// Reads the first bytes: gzip when they start a member, else a plain stream.
    private func decide() throws {
        phase = try memberStart() ? .deflate : .plain
        inflating = phase != .plain
    }

    /// At a member boundary: consumes the header when one starts here. When none does, the unread
    /// bytes stay in `input`.
    private func memberStart() throws -> Bool {
        while true {
            switch GzipMemberHeader.scan(input) {
            case .member(let length):
                consume(length)
                isal_inflate_reset(state)
                state.pointee.crc_flag = UInt32(ISAL_GZIP_NO_HDR_VER)
                state.pointee.hist_bits = 0
                members += 1
                return true
            case .notGzip:
                return false
            case .needMore(let needed):
                if needed > Self.maxHeaderBytes {
                    throw ArchiveError(
                        operation: .readData,
                        message: "gzip member header is longer than \(Self.maxHeaderBytes) bytes")
                }
                if try !gather(needed) { return false }
            }
        }
    }

    /// Fills the output block (or what is left of the stream) and returns it; empty at the end.
    private func inflate() throws -> UnsafeRawBufferPointer {
        if let pendingError { throw pendingError }
        let (produced, error) = fillBlock(output)
        if let error {
            if produced == 0 { throw error }
            pendingError = error
        }
        return UnsafeRawBufferPointer(start: produced > 0 ? UnsafeRawPointer(output) : nil, count: produced)
    }

    /// Inflates into one `outputSize` block: the bytes made, and the error that stopped it early.
    private func fillBlock(_ block: UnsafeMutableRawPointer) -> (count: Int, error: (any Error)?) {
        state.pointee.next_out = block.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_out = UInt32(Self.outputSize)
        var failure: (any Error)?
        do {
            try fill()
        } catch {
            failure = error
        }
        return (Self.outputSize - Int(state.pointee.avail_out), failure)
    }

    private func fill() throws {
        loop: while state.pointee.avail_out > 0 {
            switch phase {
            case .memberHeader:
                phase = try memberStart() ? .deflate : .end
            case .deflate:
                if input.isEmpty { _ = try refill() }
                let before = state.pointee.avail_out
                let offered = input.count
                state.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
                state.pointee.avail_in = UInt32(input.count)
                let status = isal_inflate(state)
                consume(input.count - Int(state.pointee.avail_in))
                if status < 0 {
                    throw ArchiveError(operation: .readData, kind: .corrupt, message: "gzip decompression failed (\(Self.describe(status)))")
                }
                if state.pointee.block_state == ISAL_BLOCK_FINISH {
                    phase = .memberHeader
                } else if state.pointee.avail_out == before && input.count == offered {
                    // No progress: the input is used up (truncated), or ISA-L refuses it.
                    if input.isEmpty && upstreamEnded {
                        throw ArchiveError(operation: .readData, kind: .truncated, message: "truncated gzip input")
                    }
                    if !input.isEmpty {
                        throw ArchiveError(operation: .readData, kind: .corrupt, message: "gzip decompression failed (no progress)")
                    }
                }
            case .end, .undecided, .plain:
                break loop
            }
        }
    }

    private static func describe(_ status: Int32) -> String {
        switch status {
        case ISAL_INVALID_BLOCK: return "invalid deflate block"
        case ISAL_INVALID_SYMBOL: return "invalid deflate symbol"
        case ISAL_INVALID_LOOKBACK: return "invalid back-reference distance"
        case ISAL_INCORRECT_CHECKSUM: return "the member's CRC-32 or length does not match its data"
        default: return "ISA-L status \(status)"
        }
    }
}

/// Lets the producer's closure reach the source without keeping it alive (the source joins the
/// thread before it goes). Not `unowned(unsafe)`: calling a method through that retains the
/// object for the call, and the producer's call lasts as long as the stream.
private struct Unretained: @unchecked Sendable {
    let source: Unmanaged<GzipInflatingSource>
    init(_ source: GzipInflatingSource) { self.source = .passUnretained(source) }
}
