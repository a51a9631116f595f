// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Plimsoll",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plimsoll", targets: ["plimsoll"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // POSIX I/O through one funnel: read, pread and write retry EINTR once, errors are `Errno`.
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // System libraries: libarchive reads archives and decompresses; zlib deflates for wire sizes.
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        // ISA-L inflates gzip layers (about twice zlib's pace); zlib still defines `--compressed exact`.
        .systemLibrary(
            name: "CIsal",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        // libcurl: every HTTP transfer (registries, the Docker Engine API over its unix socket).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // Core library: one module per pipeline stage.
        .target(name: "StableJSON"),
        // Threads for layers and images in parallel, sharing one budget of cores.
        .target(name: "Parallelism"),
        // glibc's mbrtowc with an ASCII fast path, for libarchive's per-file name conversion.
        .target(name: "CMultibyte", linkerSettings: [.linkedLibrary("dl")]),
        // A cache prefetch hint for the overlay merge's hash probes (header only).
        .target(name: "CPrefetch"),
        .target(name: "ArchiveIO", dependencies: ["CArchive", "CIsal", "CMultibyte", "Parallelism", .product(name: "SystemPackage", package: "swift-system")]),
        .target(name: "ImageModel"),
        // Wire sizes: counts what zlib's gzip makes of a layer, exactly or from a sample.
        .target(name: "WireSize", dependencies: ["CZlib", "ImageModel"]),
        // The one funnel over libcurl; pull-based bodies, typed errors.
        .target(name: "HTTPTransport", dependencies: ["CCurl"]),
        // Registries (OCI distribution API, auth, credentials) and Docker engines, over HTTPTransport.
        .target(
            name: "RemoteImages",
            dependencies: ["ArchiveIO", "HTTPTransport", "ImageModel", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ImageLoading",
            dependencies: [
                "ArchiveIO", "CPrefetch", "ImageModel", "Parallelism", "RemoteImages", "WireSize",
                .product(name: "SystemPackage", package: "swift-system"),
                // SHA-256 of the large files that may be duplicates (ContentDigester).
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The accountant: pure functions from a loaded image to a size ledger (no file I/O).
        // Third-party documents go through the libraries made for them: Foundation's JSONDecoder
        // (package.json, npm lockfiles) and Yams (pnpm's YAML); StableJSON reads our rules files.
        .target(
            name: "SizeAccounting",
            dependencies: ["ImageModel", "StableJSON", .product(name: "Yams", package: "Yams")]
        ),
        // The gate: baselines, rules and verdicts (no file I/O). Categories and findings are the
        // accountant's own types.
        .target(name: "SizeGate", dependencies: ["Charts", "ImageModel", "SizeAccounting", "StableJSON"]),
        // Pictures: SVG charts and the treemap layout (pure, no dependencies); also the one RFC 3339
        // time type, UTCTimestamp, which the gate's documents and the charts' time axes share.
        .target(name: "Charts"),
        .target(name: "Reporting", dependencies: ["Charts", "ImageModel", "SizeAccounting", "SizeGate", "StableJSON"]),
        // Sizes over time from the gate's history (no file I/O).
        .target(name: "SizeTrend", dependencies: ["Charts", "ImageModel", "Reporting", "SizeAccounting", "SizeGate", "StableJSON"]),
        .target(
            name: "PlimsollKit",
            dependencies: [
                "Charts", "ImageLoading", "ImageModel", "Parallelism", "Reporting", "SizeAccounting", "SizeGate", "SizeTrend",
                "StableJSON", .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),

        // The command-line tool: parses arguments, prints, chooses exit codes.
        .executableTarget(
            name: "plimsoll",
            dependencies: [
                "Charts", "ImageLoading", "ImageModel", "PlimsollKit", "RemoteImages", "Reporting", "SizeAccounting", "SizeGate",
                "SizeTrend", "StableJSON", "WireSize",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),

        // Test support: writes real image tarballs with libarchive from inline specs.
        .target(
            name: "PlimsollTestSupport",
            dependencies: ["ArchiveIO", "CArchive", "StableJSON", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // Fuzzing: libFuzzer's driver (linked only by Scripts/fuzz.sh's sanitizer build) and the
        // harness, which replays inputs when built normally.
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "plimsoll-fuzz",
            dependencies: [
                "ArchiveIO", "CFuzzerDriver", "ImageLoading", "ImageModel", "SizeAccounting", "SizeGate",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),

        // Writes the example images in Examples/ (README's first command checks them).
        .executableTarget(name: "plimsoll-examples", dependencies: ["ArchiveIO", "PlimsollTestSupport"]),

        // Tests
        .testTarget(
            name: "ImageLoadingTests",
            dependencies: ["ArchiveIO", "CMultibyte", "ImageLoading", "ImageModel", "PlimsollTestSupport", "StableJSON"]
        ),
        .testTarget(
            name: "SizeAccountingTests",
            dependencies: ["ImageLoading", "ImageModel", "PlimsollTestSupport", "SizeAccounting", "StableJSON"]
        ),
        .testTarget(
            name: "SizeGateTests",
            dependencies: ["Charts", "SizeGate", "SizeAccounting", "ImageModel", "StableJSON"]
        ),
        .testTarget(
            name: "GateKitTests",
            dependencies: ["Charts", "PlimsollKit", "PlimsollTestSupport", "SizeAccounting", "SizeGate", "ImageLoading", "ImageModel", "StableJSON", "Reporting"]
        ),
        .testTarget(
            name: "ChartsTests",
            dependencies: ["Charts"]
        ),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Charts", "ImageModel", "Reporting"]
        ),
        .testTarget(
            name: "SizeTrendTests",
            dependencies: ["Charts", "PlimsollKit", "SizeAccounting", "SizeGate", "SizeTrend", "StableJSON"]
        ),
        .testTarget(
            name: "WireSizeTests",
            dependencies: ["WireSize", "ImageLoading", "ImageModel", "Reporting"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["PlimsollTestSupport", "StableJSON", "plimsoll"]
        ),
        .testTarget(
            name: "TrendCommandTests",
            dependencies: ["PlimsollTestSupport", "StableJSON", "plimsoll"]
        ),
        // Golden files of every output; `RECORD_GOLDEN=1 swift test --filter Golden` rewrites them.
        .testTarget(name: "GoldenTests", dependencies: ["PlimsollTestSupport", "plimsoll"], exclude: ["Golden"]),
        .testTarget(name: "FixtureBuilderTests", dependencies: ["ArchiveIO", "PlimsollTestSupport"]),
        // Replays every fuzz crash input and seed through the harness (built without sanitizers).
        .testTarget(name: "FuzzRegressionTests", dependencies: ["PlimsollTestSupport", "plimsoll-fuzz"]),
        .testTarget(name: "StableJSONTests", dependencies: ["StableJSON"]),
        .testTarget(name: "ParallelismTests", dependencies: ["Parallelism"]),
        // Registries and engines: real servers (docker-registry, podman, Python helpers) on loopback.
        .testTarget(name: "RegistryTests", dependencies: ["PlimsollTestSupport", "StableJSON", "plimsoll"]),
    ]
)
