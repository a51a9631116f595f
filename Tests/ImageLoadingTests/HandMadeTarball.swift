import ArchiveIO
import Foundation

/// Writes an outer tarball entry by entry, for inputs the fixture builder deliberately cannot make:
/// manifests naming missing layers, layers that are not tars, raw tar headers with absurd sizes.
struct HandMadeTarball {
    var entries: [(name: String, bytes: [UInt8])] = []

    mutating func add(_ name: String, _ bytes: [UInt8]) { entries.append((name, bytes)) }
    mutating func add(_ name: String, text: String) { entries.append((name, Array(text.utf8))) }

    /// A legacy image whose manifest names `layers` and whose config lists no diff_ids.
    static func legacy(layers: [String], config: String = #"{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"#) -> HandMadeTarball {
        var tarball = HandMadeTarball()
        tarball.add("config.json", text: config)
        let list = layers.map { "\"\($0)\"" }.joined(separator: ",")
        tarball.add("manifest.json", text: #"[{"Config":"config.json","RepoTags":["hand/made:1"],"Layers":["# + list + "]}]")
        return tarball
    }

    func write(to path: String) throws {
        let writer = try ArchiveWriter.create(path: path, format: .pax)
        for entry in entries {
            try writer.addFile(entry.name, body: .bytes(entry.bytes))
        }
        try writer.close()
    }

    /// A layer tar with the given entries, written by libarchive.
    static func layer(_ files: [(String, [UInt8])]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let writer = try ArchiveWriter.create(format: .pax) { bytes.append(contentsOf: $0) }
        for (name, body) in files { try writer.addFile(name, body: .bytes(body)) }
        try writer.close()
        return bytes
    }

    /// One raw ustar header (and no body) for a regular file, with the size field written as
    /// given: octal digits, or base-256 when `size` does not fit 11 octal digits.
    static func rawHeader(name: [UInt8], size: Int64) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        for (index, byte) in name.prefix(100).enumerated() { header[index] = byte }
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
        }
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        if size < 0o77777777777 {
            let octal = String(size, radix: 8)
            put(String(repeating: "0", count: 11 - octal.count) + octal, at: 124)
        } else {
            header[124] = 0x80
            for index in 0..<8 { header[135 - index] = UInt8(truncatingIfNeeded: size >> (8 * index)) }
        }
        put("00000000000", at: 136)
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257)
        put("00", at: 263)
        for index in 148..<156 { header[index] = 0x20 }
        let sum = header.reduce(0) { $0 + Int($1) }
        let checksum = String(sum, radix: 8)
        put(String(repeating: "0", count: 6 - checksum.count) + checksum, at: 148)
        header[154] = 0
        return header
    }
}
