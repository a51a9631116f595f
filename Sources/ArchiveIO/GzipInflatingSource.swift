import CIsal

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
    private var pendingError: ArchiveError?

    /// Bytes taken from the upstream source so far (compressed bytes, when inflating).
    public private(set) var upstreamBytesRead: Int64 = 0
    /// gzip members begun so far.
    public private(set) var memberCount = 0

    public init(_ upstream: ArchiveByteSource) {
        self.upstream = upstream
        state = .allocate(capacity: 1)
        isal_inflate_init(state)
        output = .allocate(byteCount: Self.outputSize, alignment: 64)
    }

    deinit {
        state.deallocate()
        output.deallocate()
        free(carry)
    }

    /// True once the stream was found to be gzip (decided by the first read).
    public var isInflating: Bool {
        switch phase {
        case .undecided, .plain: return false
        case .memberHeader, .deflate, .end: return true
        }
    }

    public func read() throws -> UnsafeRawBufferPointer {
        if case .undecided = phase { try decide() }
        if case .plain = phase {
            if !input.isEmpty {
                defer { input = UnsafeRawBufferPointer(start: nil, count: 0) }
                return input
            }
            let block = try upstream.read()
            upstreamBytesRead += Int64(block.count)
            return block
        }
        return try inflate()
    }

    public func skip(_ count: Int64) -> Int64 {
        // Only a plain stream whose sniffed bytes are all handed out can skip in the upstream.
        guard case .plain = phase, input.isEmpty else { return 0 }
        let skipped = upstream.skip(count)
        upstreamBytesRead += skipped
        return skipped
    }

    // MARK: Input

    /// Takes the upstream's next block as the input; false at its end.
    private func refill() throws -> Bool {
        guard !upstreamEnded else { return false }
        let block = try upstream.read()
        upstreamBytesRead += Int64(block.count)
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
            upstreamBytesRead += Int64(block.count)
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
                memberCount += 1
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
        let output = output.assumingMemoryBound(to: UInt8.self)
        state.pointee.next_out = output
        state.pointee.avail_out = UInt32(Self.outputSize)
        do {
            try fill()
        } catch let error as ArchiveError where state.pointee.avail_out < UInt32(Self.outputSize) {
            pendingError = error
        }
        let produced = Self.outputSize - Int(state.pointee.avail_out)
        return UnsafeRawBufferPointer(start: produced > 0 ? UnsafeRawPointer(output) : nil, count: produced)
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
