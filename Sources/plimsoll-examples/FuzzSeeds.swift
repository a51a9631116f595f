import ArchiveIO
import Foundation
import PlimsollTestSupport

/// The fuzz targets' seed corpora (`Tests/Fuzz/Corpus/TARGET/`), written by the fixture builder:
/// small images of every layout, their layer blobs, and one valid document per parser, so that the
/// fuzzer starts from inputs that reach deep into each reader.
enum FuzzSeeds {
    static func write(to root: String) throws {
        let scratch = NSTemporaryDirectory() + "plimsoll-seeds-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        var seeds: [String: [(String, [UInt8])]] = [:]
        let layouts: [(String, ArchiveLayout, LayerBlobCompression)] = [
            ("legacy", .legacy, .none), ("docker25-gzip", .docker25, .gzip), ("oci-zstd", .ociArchive, .zstd),
            ("skopeo", .skopeo, .none), ("kaniko", .kaniko, .gzip),
        ]
        for (name, layout, compression) in layouts {
            let path = scratch + "/\(name).tar"
            try ImageFixtureBuilder.write([image(compression)], options: ArchiveOptions(layout: layout), to: path)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            seeds["seekable", default: []].append((name, bytes))
            seeds["stream", default: []].append((name, bytes))
            if layout == .legacy || layout == .kaniko {
                for (index, layer) in try layerBlobs(path).enumerated() {
                    seeds["layer", default: []].append(("\(name)-\(index)", layer))
                }
            }
        }
        seeds["manifests"] = manifestSeeds
        for (target, documents) in documentSeeds { seeds[target] = documents.map { ($0.0, Array($0.1.utf8)) } }
        for file in try FileManager.default.contentsOfDirectory(atPath: "Baselines").sorted() where file.hasSuffix(".json") {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "Baselines/" + file)))
            seeds["baseline", default: []].append((String(file.dropLast(5)), bytes))
        }

        for (target, files) in seeds {
            let directory = root + "/" + target
            try? FileManager.default.removeItem(atPath: directory)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (name, bytes) in files {
                try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name))
            }
        }
    }

    /// A small image that reaches every merge rule and the accountant's node, Python and OS readers.
    static func image(_ compression: LayerBlobCompression) -> ImageSpec {
        let base = LayerSpec(
            entries: [
                .dir("etc"), .file("etc/os-release", text: "ID=debian\n"), .dir("var/lib/dpkg"),
                .file("var/lib/dpkg/status", text: documentSeeds["dpkg-status"]?.first?.1 ?? ""),
                .file("usr/lib/libz.so.1", size: 300), .hardlink("usr/lib/libz.so", target: "usr/lib/libz.so.1"),
                .symlink("usr/lib/libz.so.0", target: "libz.so.1"), .file("tmp/cache.bin", size: 50),
            ], compression: compression, createdBy: "/bin/sh -c #(nop) ADD file:base in / ")
        let app = LayerSpec(
            entries: [
                .file("app/package.json", text: documentSeeds["package-json"]?.first?.1 ?? "{}"),
                .file("app/node_modules/.package-lock.json", text: documentSeeds["npm-lockfile"]?.first?.1 ?? "{}"),
                .file("app/node_modules/left-pad/package.json", text: #"{"name":"left-pad","version":"1.3.0"}"#),
                .file("app/node_modules/left-pad/index.js", size: 120), .whiteout("tmp/cache.bin"),
                .opaque("etc"), .file("etc/hostname", text: "fuzz\n"),
            ], compression: compression, createdBy: "/bin/sh -c npm ci")
        return ImageSpec(tags: ["fuzz/seed:1"], layers: [base, app], config: ConfigSpec(user: "1001", workdir: "/app"))
    }

    /// The layer blobs of a legacy or kaniko tarball, as stored.
    static func layerBlobs(_ path: String) throws -> [[UInt8]] {
        let reader = try ArchiveReader.open(path: path)
        var blobs: [[UInt8]] = []
        while let entry = try reader.next() {
            if entry.path.hasSuffix("layer.tar") || entry.path.hasSuffix(".tar.gz") {
                blobs.append(try reader.readAll(limit: 1 << 20))
            }
        }
        return blobs
    }

    static let hex1 = String(repeating: "1", count: 64)
    static let hex2 = String(repeating: "2", count: 64)
    static let config = #"{"architecture":"amd64","os":"linux","config":{"User":"1001","WorkingDir":"/app","Healthcheck":{"Test":["CMD","true"]}},"rootfs":{"type":"layers","diff_ids":["sha256:\#(hex1)"]},"history":[{"created_by":"COPY . /app"},{"created_by":"ENV A=1","empty_layer":true}]}"#

    /// manifest.json NUL index.json NUL config, as `FuzzTarballs.documentsImage` splits them.
    static var manifestSeeds: [(String, [UInt8])] {
        let legacy = #"[{"Config":"config.json","RepoTags":["fuzz:1"],"Layers":["l/layer.tar"]}]"#
        let manifest = #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:\#(hex2)","size":1},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:\#(hex1)","size":1}]}"#
        let index = #"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:\#(hex2)","size":1,"platform":{"os":"linux","architecture":"amd64"},"annotations":{"org.opencontainers.image.ref.name":"fuzz:1"}}]}"#
        return [
            ("legacy", Array((legacy + "\u{0}\u{0}" + config).utf8)),
            ("null-manifest-oci-index", Array(("null\u{0}" + index + "\u{0}" + config).utf8)),
            ("skopeo-dir-manifest", Array((manifest + "\u{0}\u{0}" + config).utf8)),
        ]
    }

    /// One or two valid documents for each parser target.
    static let documentSeeds: [String: [(String, String)]] = [
        "package-json": [("project", #"{"name":"@acme/finance","version":"1.0.0","packageManager":"pnpm@9.15.0","dependencies":{"left-pad":"^1.3.0","a":"1.0.0"},"devDependencies":{"typescript":"5.6.0"},"optionalDependencies":{"fsevents":"2"},"peerDependencies":{"rxjs":"7"},"workspaces":["packages/*"]}"#)],
        "npm-lockfile": [("hidden-lockfile", #"{"name":"app","lockfileVersion":3,"requires":true,"packages":{"node_modules/left-pad":{"version":"1.3.0","resolved":"https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz"},"node_modules/typescript":{"version":"5.6.0","dev":true},"node_modules/fsevents":{"version":"2.3.3","optional":true}}}"#)],
        "pnpm-modules": [("modules-yaml", "hoistPattern:\n  - '*'\nincluded:\n  dependencies: true\n  devDependencies: true\n  optionalDependencies: true\nlayoutVersion: 5\nnodeLinker: isolated\npackageManager: pnpm@9.15.0\npendingBuilds: []\nprunedAt: Mon, 01 Dec 2026 00:00:00 GMT\npublicHoistPattern: []\nregistries:\n  default: https://registry.npmjs.org/\nskipped: []\nstoreDir: /root/.local/share/pnpm/store/v3\nvirtualStoreDir: .pnpm\n")],
        "pnpm-lock": [
            ("v9", "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n\nimporters:\n\n  .:\n    dependencies:\n      a:\n        specifier: 1.0.0\n        version: 1.0.0\n    devDependencies:\n      typescript:\n        specifier: 5.6.0\n        version: 5.6.0\n\npackages:\n\n  a@1.0.0:\n    resolution: {integrity: sha512-AAAA}\n\n  typescript@5.6.0:\n    resolution: {integrity: sha512-BBBB}\n    engines: {node: '>=14.17'}\n    hasBin: true\n\nsnapshots:\n\n  a@1.0.0: {}\n\n  typescript@5.6.0: {}\n"),
            ("v6", "lockfileVersion: '6.0'\n\ndependencies:\n  a:\n    specifier: 1.0.0\n    version: 1.0.0\n\ndevDependencies:\n  typescript:\n    specifier: 5.6.0\n    version: 5.6.0\n\npackages:\n\n  /a@1.0.0:\n    resolution: {integrity: sha512-AAAA}\n    dev: false\n\n  /typescript@5.6.0:\n    resolution: {integrity: sha512-BBBB}\n    dev: true\n"),
        ],
        "python-record": [("record", "numpy/__init__.py,sha256=abc,120\nnumpy/core.so,sha256=def,100\nnumpy-2.0.dist-info/METADATA,,\nnumpy-2.0.dist-info/RECORD,,\n")],
        "dpkg-status": [("status", "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36-9\nInstalled-Size: 12000\n\nPackage: dpkg\nStatus: install ok installed\nVersion: 1.21.22\nInstalled-Size: 6500\n")],
        "apk-installed": [("installed", "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nS:383152\nI:622592\nF:lib\nR:ld-musl-x86_64.so.1\nR:libc.musl-x86_64.so.1\n\nP:busybox\nV:1.36.1-r5\nI:950000\nF:bin\nR:busybox\n")],
        "rules": [("rules", #"{"version":1,"comment":"seed","rules":[{"category":"ml-libraries","name":"finance models","paths":["{workdir}/weights/"],"packages":{"npm":["@acme/inference-*"]}},{"category":"caches-and-leftovers","name":"report cache","paths":["/srv/report-cache/","**/*.tmp"],"suggestion":"Mount it as a volume."}],"packageDatabases":{"dpkgStatus":["/opt/sysroot/var/lib/dpkg/status"]}}"#)],
    ]
}
