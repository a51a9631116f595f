import Foundation
import ImageLoading
import ImageModel
import SizeAccounting

/// Runs the reader and the accountant over fuzzed inputs, as `inspect` does.
enum FuzzImages {
    static let accountant: SizeAccountant = {
        guard let accountant = try? SizeAccountant.standard() else { FuzzMain.fail("the built-in rules do not load") }
        return accountant
    }()

    static let options: LoadOptions = {
        let requirements = accountant.captureRequirements
        var options = LoadOptions(capture: CapturePolicy(maxBytes: requirements.maxBytes) { requirements.matches($0) }, parallelism: 2)
        // Every file is a duplicate candidate (not only those of 1 MiB): fuzzed inputs are small, and
        // this runs the hashing, the re-reads by range and the re-inflation on them.
        options.digestMinBytes = 1
        return options
    }()

    /// Loads `tarball` from a regular file and accounts every image it holds.
    static func loadAndAccount(_ tarball: [UInt8]) {
        guard let path = ScratchFile.shared.write(tarball) else { return }
        guard let images = try? ImageLoader(options: options).load(.path(path)) else { return }
        for image in images { _ = accountant.account(image) }
    }

    /// Accounts a small node image in which every path of `documents` holds `bytes`.
    static func account(documents: [String], _ bytes: [UInt8]) {
        var captured: [String: [UInt8]] = [:]
        for path in documents { captured[path] = bytes }
        _ = accountant.account(nodeImage(captured: captured, extraFiles: documents))
    }

    /// A workdir with a project, a package, a Python distribution and OS package files.
    static func nodeImage(captured: [String: [UInt8]], extraFiles: [String] = []) -> LoadedImage {
        var paths = [
            "/app/dist/main.js", "/app/node_modules/left-pad/index.js", "/app/node_modules/.pnpm/a@1.0.0/node_modules/a/index.js",
            "/usr/lib/python3/dist-packages/numpy/core.so", "/usr/bin/dpkg", "/lib/libc.so.6", "/tmp/cache.bin",
        ]
        paths += extraFiles.filter { !paths.contains($0) }
        var files = paths.sorted().map { FinalFile(path: $0, kind: .regular, sizeBytes: Int64(captured[$0]?.count ?? 100), layer: 0) }
        files.append(FinalFile(path: "/app/node_modules/a", kind: .symlink, sizeBytes: 0, layer: 0, linkTarget: ".pnpm/a@1.0.0/node_modules/a"))
        let content = files.reduce(Int64(0)) { $0 + $1.sizeBytes }
        let layer = ImageLayer(
            index: 0, diffID: nil, blobDigest: nil, blobPath: "l/layer.tar", createdBy: "RUN pnpm install", mediaType: "application/vnd.oci.image.layer.v1.tar",
            compression: .none, tarBytes: content + 10_240, contentBytes: content, compressedBytes: nil,
            compressedBytesSource: .unknown, entryCount: files.count, fileCount: files.count - 1, wastedBytes: 0)
        return LoadedImage(
            name: "fuzz", tags: [], configDigest: nil, manifestDigest: nil, platform: .linuxAMD64,
            config: ImageConfigFacts(user: "", workdir: "/app", healthcheck: false, entrypoint: nil, cmd: ["node"]),
            layers: [layer], files: files, captured: captured, wasteCauses: [], largestWasted: [], notes: [])
    }
}
