import CIsal

/// CRC-64/ECMA-182 (reflected) by ISA-L: about 9 GB/s on one core here (carry-less multiply),
/// against about 1.2 GB/s for SHA-256. Not collision-resistant against a crafted input (a CRC is
/// linear), so it only ever says two files *may* be equal; a strong digest confirms.
public struct Checksum64: Sendable {
    public private(set) var value: UInt64 = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        value = crc64_ecma_refl(value, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }
}
