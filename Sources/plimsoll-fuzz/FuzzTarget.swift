import ImageLoading
import ImageModel
import SizeAccounting
import SizeGate

/// What each fuzz target feeds the bytes to. Every target goes through the public entry points
/// the executable uses, so whatever it finds is reachable from a real input.
enum FuzzTarget: String, CaseIterable {
    /// The bytes are an image tarball read from a regular file (header pass, ranged layer reads).
    case seekable
    /// The bytes are an image tarball gzip'd as a whole, so it is read once as a stream.
    case stream
    /// The bytes are the only layer blob of a legacy `docker save` tarball (any compression).
    case layer
    /// The bytes are `manifest.json`, `index.json` and a config, split at NUL bytes, beside a layer.
    case manifests
    /// The bytes are a project's and a package's `package.json`.
    case packageJSON = "package-json"
    /// The bytes are npm's hidden lockfile, `node_modules/.package-lock.json`.
    case npmLockfile = "npm-lockfile"
    /// The bytes are pnpm's `node_modules/.modules.yaml`.
    case pnpmModules = "pnpm-modules"
    /// The bytes are a workspace's `pnpm-lock.yaml`.
    case pnpmLock = "pnpm-lock"
    /// The bytes are a Python distribution's `RECORD` and `METADATA`.
    case pythonRecord = "python-record"
    /// The bytes are dpkg's status database.
    case dpkgStatus = "dpkg-status"
    /// The bytes are apk's installed database.
    case apkInstalled = "apk-installed"
    /// The bytes are a baseline file (`Baselines/NAME.json`).
    case baseline
    /// The bytes are a `--rules` file, then used to account an image.
    case rules

    func run(_ bytes: UnsafeRawBufferPointer) {
        let input = [UInt8](bytes)
        switch self {
        case .seekable: FuzzImages.loadAndAccount(input)
        case .stream: FuzzImages.loadAndAccount(FuzzTarballs.gzip(input))
        case .layer: FuzzImages.loadAndAccount(FuzzTarballs.legacyImage(layer: input))
        case .manifests: FuzzImages.loadAndAccount(FuzzTarballs.documentsImage(input))
        case .packageJSON: FuzzImages.account(documents: ["/app/package.json", "/app/node_modules/left-pad/package.json"], input)
        case .npmLockfile: FuzzImages.account(documents: ["/app/node_modules/.package-lock.json"], input)
        case .pnpmModules: FuzzImages.account(documents: ["/app/node_modules/.modules.yaml"], input)
        case .pnpmLock: FuzzImages.account(documents: ["/app/pnpm-lock.yaml"], input)
        case .pythonRecord:
            FuzzImages.account(documents: [
                "/usr/lib/python3/dist-packages/numpy-2.0.dist-info/RECORD",
                "/usr/lib/python3/dist-packages/numpy-2.0.dist-info/METADATA",
            ], input)
        case .dpkgStatus: FuzzImages.account(documents: ["/var/lib/dpkg/status"], input)
        case .apkInstalled: FuzzImages.account(documents: ["/lib/apk/db/installed"], input)
        case .baseline: _ = try? BaselineDecoder.decode(input, file: "fuzz.json", name: "fuzz")
        case .rules:
            guard let rules = try? AccountingRules.parse(input, source: "fuzz-rules.json"),
                let accountant = try? SizeAccountant.standard(extendedWith: rules)
            else { return }
            _ = accountant.account(FuzzImages.nodeImage(captured: [:]))
        }
    }
}
