import ArgumentParser
import ImageLoading
import ImageModel
import RemoteImages
import WireSize

/// Options shared by every command that reads images.
struct InputOptions: ParsableArguments {
    @Option(help: "Platform to read from a multi-platform image: os/arch[/variant] (default: the only one, else linux/amd64).")
    var platform: String?

    @Option(help: "Read only the image with this tag from a tarball that holds several.")
    var image: String?

    @Option(
        help: ArgumentHelp(
            "Compressed (wire) size of layers stored uncompressed: stored, estimate or exact.",
            discussion: """
                stored: only sizes the tarball stores (unknown for uncompressed layers); estimate: \
                deflate about 1/16 of each such layer and extrapolate, with an error bound; exact: \
                deflate every byte with zlib. Default: estimate for check, stored for other commands.
                """))
    var compressed: CompressedModeArgument?

    @Option(name: .customLong("gzip-level"), help: "zlib level (1-9) for --compressed estimate or exact (default: 6, as gzip).")
    var gzipLevel: Int?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM certificates to trust for registries, beside the system store and /etc/docker/certs.d/HOST/ca.crt.", valueName: "file"))
    var caFile: String?

    @Option(name: .customLong("insecure-registry"), help: ArgumentHelp("A registry host that may be reached over plain HTTP (loopback hosts always may); repeatable.", valueName: "host"))
    var insecureRegistries: [String] = []

    @Flag(name: .customLong("manifest-only"), help: "For registry: images, read only manifests and configs: layers, compressed sizes and config facts, no layer downloaded.")
    var manifestOnly = false

    func validate() throws {
        if let platform, Platform(parsing: platform) == nil {
            throw ValidationError("--platform must look like os/arch or os/arch/variant, not '\(platform)'")
        }
        if let gzipLevel, !(1...9).contains(gzipLevel) {
            throw ValidationError("--gzip-level must be between 1 and 9, not \(gzipLevel)")
        }
        if gzipLevel != nil, compressed == .stored {
            throw ValidationError("--gzip-level needs --compressed estimate or exact")
        }
    }

    /// The options for the loader. `compressedDefault` is the command's own default for
    /// `--compressed` (estimate for `check`, stored elsewhere).
    func loadOptions(
        capture: CapturePolicy = .nothing, compressedDefault: CompressedSizeMode = .stored, parallelFetches: Int = 4
    ) -> LoadOptions {
        var options = LoadOptions(
            platform: platform.flatMap(Platform.init(parsing:)), imageTag: image, capture: capture,
            compressedSize: compressedSize(default: compressedDefault))
        let registry = RegistryOptions(caFile: caFile, insecureHosts: Set(insecureRegistries))
        options.remote = RemoteSources(
            registry: RegistrySession(options: registry, parallelFetches: parallelFetches), manifestOnly: manifestOnly)
        return options
    }

    /// `--compressed` and `--gzip-level`, resolved against the command's default mode.
    func compressedSize(default mode: CompressedSizeMode) -> CompressedSizeOptions {
        CompressedSizeOptions(
            mode: compressed?.mode ?? mode, gzipLevel: gzipLevel ?? CompressedSizeOptions.defaultGzipLevel)
    }

    /// A warning when `--gzip-level` was given but the resolved mode deflates nothing.
    func ignoredGzipLevel(default mode: CompressedSizeMode) -> String? {
        guard gzipLevel != nil, compressedSize(default: mode).mode == .stored else { return nil }
        return "--gzip-level has no effect with --compressed stored"
    }

    /// The source an argument names; `validateSources` has already refused unusable ones.
    static func input(_ argument: String) -> ImageInput {
        (try? ImageInput.parse(argument)) ?? .path(argument)
    }

    /// Warnings for `--manifest-only` given with inputs it cannot apply to (they are read whole).
    func manifestOnlyWarnings(_ arguments: [String]) -> [String] {
        guard manifestOnly else { return [] }
        return arguments.filter { argument in
            if case .registry = Self.input(argument) { return false }
            return true
        }.map { "\($0): --manifest-only applies to registry: images; this input is read whole" }
    }

    /// Refuses image arguments whose prefix names a source they cannot be (exit 64).
    static func validateSources(_ arguments: [String]) throws {
        for argument in arguments {
            do {
                _ = try ImageInput.parse(argument)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }
}

/// How sizes print.
struct UnitOptions: ParsableArguments {
    @Flag(help: "Print sizes in binary units (MiB = 1,048,576 bytes) instead of decimal (MB = 1,000,000 bytes).")
    var binary = false
}

/// `--compressed` values. CLI-only: the core's `CompressedSizeMode` does not know ArgumentParser.
enum CompressedModeArgument: String, ExpressibleByArgument, CaseIterable {
    case stored
    case estimate
    case exact

    var mode: CompressedSizeMode {
        switch self {
        case .stored: return .stored
        case .estimate: return .estimate
        case .exact: return .exact
        }
    }
}
