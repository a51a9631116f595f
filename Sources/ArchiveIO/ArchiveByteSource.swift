/// A pull-based supplier of archive bytes for `ArchiveReader`'s custom-callback mode.
///
/// libarchive calls back into the source through capture-free C functions; the reader keeps the
/// source alive for as long as the archive is open.
public protocol ArchiveByteSource: AnyObject {
    /// Returns the next bytes, or an empty buffer at the end. The buffer must stay valid until the
    /// next call.
    func read() throws -> UnsafeRawBufferPointer
    /// Skips up to `count` bytes without reading them and returns how many were skipped; 0 when the
    /// source cannot skip (libarchive then reads and discards).
    func skip(_ count: Int64) -> Int64
}

extension ArchiveByteSource {
    public func skip(_ count: Int64) -> Int64 { 0 }
}
