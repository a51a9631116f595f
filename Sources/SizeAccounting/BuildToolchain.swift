/// OS packages that only building needs: compilers, linkers, make, and development headers
/// (`-dev` packages). A final stage that runs the service needs none of them; a multi-stage build
/// keeps them in the builder stage. Names are dpkg and apk package names.
enum BuildToolchain {
    /// Package-name globs (`*` matches any run of bytes).
    static let names: [NameGlob] = [
        "build-essential", "build-base", "gcc", "gcc-*", "g++", "g++-*", "cpp", "cpp-*", "clang", "clang-*",
        "make", "cmake", "cmake-data", "binutils", "binutils-*", "autoconf", "automake", "libtool", "pkg-config",
        "pkgconf", "*-dev",
    ].map { NameGlob($0) }

    /// True for a deb or apk package of the build toolchain. `gcc-12-base` and the like are
    /// runtime dependencies of libgcc, not compilers, and stay.
    static func contains(_ ecosystem: InstalledPackage.Ecosystem, _ name: String) -> Bool {
        guard ecosystem == .deb || ecosystem == .apk, !name.hasSuffix("-base") else { return false }
        return names.contains { $0.matches(name) }
    }
}
