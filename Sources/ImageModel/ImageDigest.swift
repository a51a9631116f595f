/// How digests (`sha256:<64 hex>`) are cut for people and file names, defined once: every report,
/// history file name and generated image name shortens a digest through here.
public enum ImageDigest {
    /// The hex part after the algorithm ("sha256:"), as written.
    public static func hex(_ digest: String) -> Substring {
        guard let colon = digest.firstIndex(of: ":") else { return Substring(digest) }
        return digest[digest.index(after: colon)...]
    }

    /// "sha256:<hex>" of the 32 bytes of a SHA-256 digest, lower-case, as registries and
    /// `sha256sum` write it.
    public static func sha256<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = Array("sha256:".utf8)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first 12 hex digits, as `docker images` prints an image ID.
    public static func short(_ digest: String) -> String { String(hex(digest).prefix(12)) }

    /// The algorithm and the first 12 hex digits ("sha256:0123456789ab"), where reports name the digest.
    public static func display(_ digest: String) -> String {
        let algorithm = digest.firstIndex(of: ":").map { String(digest[...$0]) } ?? ""
        return algorithm + short(digest)
    }
}
