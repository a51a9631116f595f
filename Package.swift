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
    ],
    targets: [
        // System libraries: libarchive reads archives and decompresses; zlib deflates for wire sizes.
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // Core library: one module per pipeline stage.
        .target(name: "StableJSON"),
        .target(name: "ArchiveIO", dependencies: ["CArchive"]),
        .target(name: "ImageModel"),
        // Wire sizes: counts what zlib's gzip makes of a layer, exactly or from a sample.
        .target(name: "WireSize", dependencies: ["CZlib", "ImageModel"]),
        .target(name: "ImageLoading", dependencies: ["ArchiveIO", "ImageModel", "WireSize"]),
        // The accountant: pure functions from a loaded image to a size ledger (no file I/O).
        // StableJSON parses package.json files, lockfiles and rules files.
        .target(name: "SizeAccounting", dependencies: ["ImageModel", "StableJSON"]),
        // The gate: baselines, rules and verdicts (no file I/O). Categories and findings are the
        // accountant's own types.
        .target(name: "SizeGate", dependencies: ["Charts", "ImageModel", "SizeAccounting", "StableJSON"]),
        // Pictures: SVG charts and the treemap layout (pure, no dependencies); also the one RFC 3339
        // time type, UTCTimestamp, which the gate's documents and the charts' time axes share.
        .target(name: "Charts"),
        .target(name: "Reporting", dependencies: ["Charts", "ImageModel", "SizeAccounting", "SizeGate", "StableJSON"]),
        // Sizes over time from the gate's history (no file I/O).
        .target(name: "SizeTrend", dependencies: ["Charts", "ImageModel", "Reporting", "SizeGate", "StableJSON"]),
        .target(
            name: "PlimsollKit",
            dependencies: [
                "Charts", "ImageLoading", "ImageModel", "Reporting", "SizeAccounting", "SizeGate", "SizeTrend", "StableJSON",
            ]
        ),

        // The command-line tool: parses arguments, prints, chooses exit codes.
        .executableTarget(
            name: "plimsoll",
            dependencies: [
                "Charts", "ImageLoading", "ImageModel", "PlimsollKit", "Reporting", "SizeAccounting", "SizeGate", "SizeTrend",
                "StableJSON", "WireSize",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test support: writes real image tarballs with libarchive from inline specs.
        .target(
            name: "PlimsollTestSupport",
            dependencies: ["ArchiveIO", "CArchive", "StableJSON", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // Writes the example images in Examples/ (README's first command checks them).
        .executableTarget(name: "plimsoll-examples", dependencies: ["PlimsollTestSupport"]),

        // Tests
        .testTarget(
            name: "ImageLoadingTests",
            dependencies: ["ArchiveIO", "ImageLoading", "ImageModel", "PlimsollTestSupport", "StableJSON"]
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
            dependencies: ["Charts", "PlimsollKit", "PlimsollTestSupport", "SizeGate", "ImageLoading", "ImageModel", "StableJSON", "Reporting"]
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
            dependencies: ["Charts", "PlimsollKit", "SizeGate", "SizeTrend", "StableJSON"]
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
    ]
)
