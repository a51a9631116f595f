import ArchiveIO

/// Wraps fuzzed bytes into image tarballs, with the project's own libarchive writer.
enum FuzzTarballs {
    static let config = Array(#"{"architecture":"amd64","os":"linux","config":{"WorkingDir":"/app"},"rootfs":{"type":"layers","diff_ids":[]}}"#.utf8)

    /// A legacy `docker save` tarball whose only layer is `layer`.
    static func legacyImage(layer: [UInt8]) -> [UInt8] {
        tarball([
            ("config.json", config), ("l/layer.tar", layer),
            ("manifest.json", Array(#"[{"Config":"config.json","RepoTags":["fuzz:1"],"Layers":["l/layer.tar"]}]"#.utf8)),
        ])
    }

    /// `manifest.json`, `index.json` and a config (at `config.json` and at the OCI blob path a seed
    /// names), split from `bytes` at NUL bytes, beside one small valid layer at both kinds of path.
    static func documentsImage(_ bytes: [UInt8]) -> [UInt8] {
        let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
        let layer = tarball([("app/index.js", Array("console.log(1)\n".utf8))])
        var entries: [(String, [UInt8])] = [("l/layer.tar", layer), ("blobs/sha256/" + String(repeating: "1", count: 64), layer)]
        if parts.count > 0 { entries.append(("manifest.json", parts[0])) }
        if parts.count > 1 { entries.append(("index.json", parts[1])) }
        if parts.count > 2 {
            entries.append(("config.json", parts[2]))
            entries.append(("blobs/sha256/" + String(repeating: "2", count: 64), parts[2]))
        }
        return tarball(entries)
    }

    /// `bytes` compressed with gzip as a whole.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        do {
            let writer = try ArchiveWriter.create(format: .raw, filter: .gzip) { output.append(contentsOf: $0) }
            try writer.beginRawStream()
            try bytes.withUnsafeBytes { try writer.writeRaw($0) }
            try writer.close()
        } catch {
            FuzzMain.fail("gzip failed: \(error)")
        }
        return output
    }

    static func tarball(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        do {
            let writer = try ArchiveWriter.create(format: .pax) { output.append(contentsOf: $0) }
            for (name, body) in entries { try writer.addFile(name, body: .bytes(body)) }
            try writer.close()
        } catch {
            FuzzMain.fail("writing a tarball failed: \(error)")
        }
        return output
    }
}
