import ArchiveIO
import Crypto
import Foundation
import HTTPTransport
import ImageModel

/// A blob's bytes as they arrive, for libarchive's read callback: hashed while they stream and
/// checked against the descriptor's digest and size at the end. A dropped connection resumes
/// with `Range` (or, when the registry ignores it, by discarding what was already handed out).
/// Nothing is written to disk and at most one network buffer is held.
public final class BlobStream: ArchiveByteSource {
    public let descriptor: RegistryManifest.Descriptor
    private let client: RegistryClient
    private var transfer: HTTPTransfer?
    private var hasher = SHA256()
    private var delivered: Int64 = 0
    /// Bytes of a restarted (200, not 206) response still to discard.
    private var toDiscard: Int64 = 0
    private var resumes = 0
    private var ended = false
    /// The first problem met; libarchive only passes on a message, so the loader asks here.
    public private(set) var failure: RemoteImageError?
    /// Called with every block, after hashing (the progress meter).
    public var observer: ((UnsafeRawBufferPointer) -> Void)?

    public init(client: RegistryClient, descriptor: RegistryManifest.Descriptor) {
        self.client = client
        self.descriptor = descriptor
    }

    /// Bytes handed out so far.
    public var bytesRead: Int64 { delivered }

    public func read() throws -> UnsafeRawBufferPointer {
        if let failure { throw failure }
        do {
            return try next()
        } catch let error {
            failure = error
            throw error
        }
    }

    private func next() throws(RemoteImageError) -> UnsafeRawBufferPointer {
        if ended { return UnsafeRawBufferPointer(start: nil, count: 0) }
        while true {
            if transfer == nil { try start() }
            guard let transfer else { continue }
            let block: UnsafeRawBufferPointer
            do {
                block = try transfer.read()
            } catch let error {
                guard error.isTransient, resumes + 1 < client.session.options.attempts else {
                    throw RemoteImageError(
                        .cutShort(digest: descriptor.digest, received: delivered, expected: descriptor.size, why: error.message))
                }
                resumes += 1
                self.transfer = nil
                usleep(UInt32(client.session.options.backoffSeconds * 1_000_000))
                continue
            }
            if block.isEmpty { return try finish() }
            var usable = block
            if toDiscard > 0 {
                let skip = Int(min(toDiscard, Int64(block.count)))
                toDiscard -= Int64(skip)
                usable = UnsafeRawBufferPointer(rebasing: block[skip...])
                if usable.isEmpty { continue }
            }
            delivered += Int64(usable.count)
            if delivered > descriptor.size {
                throw RemoteImageError(.sizeMismatch(digest: descriptor.digest, expected: descriptor.size, actual: delivered))
            }
            hasher.update(bufferPointer: usable)
            observer?(usable)
            return usable
        }
    }

    private func start() throws(RemoteImageError) {
        let what = "blob \(descriptor.digest) in \(client.reference.repository) on \(client.reference.apiHost)"
        let opened = try client.open("blobs/\(descriptor.digest)", what: what, rangeStart: delivered > 0 ? delivered : nil)
        // A 200 to a Range request sends the whole blob again: skip what was handed out.
        toDiscard = delivered > 0 && opened.head.status != 206 ? delivered : 0
        transfer = opened
    }

    private func finish() throws(RemoteImageError) -> UnsafeRawBufferPointer {
        ended = true
        transfer = nil
        if delivered < descriptor.size {
            throw RemoteImageError(
                .cutShort(digest: descriptor.digest, received: delivered, expected: descriptor.size, why: "the response ended"))
        }
        let actual = ImageDigest.sha256(hasher.finalize())
        if actual != descriptor.digest {
            throw RemoteImageError(.digestMismatch(digest: descriptor.digest, actual: actual))
        }
        return UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// Reads what libarchive left unread (end-of-archive padding) so the digest covers every byte.
    public func drain() throws(RemoteImageError) {
        do {
            while try !read().isEmpty {}
        } catch {
            throw failure ?? RemoteImageError(.transfer("\(error)"))
        }
    }
}
