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
        .target(name: "ImageLoading", dependencies: ["ArchiveIO", "ImageModel"]),
        .target(name: "Charts"),
        .target(name: "Reporting", dependencies: ["Charts", "ImageModel", "StableJSON"]),
        .target(name: "SizeTrend", dependencies: ["Charts", "Reporting", "StableJSON"]),
        .target(
            name: "PlimsollKit",
            dependencies: ["Charts", "ImageLoading", "ImageModel", "Reporting", "SizeTrend", "StableJSON"]
        ),

        // The command-line tool: parses arguments, prints, chooses exit codes.
        .executableTarget(
            name: "plimsoll",
            dependencies: [
                "PlimsollKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test support: writes real image tarballs with libarchive from inline specs.
        .target(
            name: "PlimsollTestSupport",
            dependencies: ["ArchiveIO", "CArchive", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // Tests
        .testTarget(
            name: "ImageLoadingTests",
            dependencies: ["ArchiveIO", "ImageLoading", "ImageModel", "PlimsollTestSupport", "StableJSON"]
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
            dependencies: ["Charts", "PlimsollKit", "SizeTrend", "StableJSON"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["PlimsollTestSupport", "StableJSON"]
        ),
        .testTarget(
            name: "TrendCommandTests",
            dependencies: ["PlimsollTestSupport", "StableJSON"]
        ),
        .testTarget(name: "FixtureBuilderTests", dependencies: ["PlimsollTestSupport"]),
    ]
)
