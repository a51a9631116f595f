extension FindingsBuilder {
    /// Compilers and development headers installed as OS packages in the final image.
    func buildToolchain() -> [Finding] {
        let packages = ledger.packages.filter { BuildToolchain.contains($0.ecosystem, $0.name) && $0.sizeBytes > 0 }
        guard !packages.isEmpty else { return [] }
        let bytes = packages.reduce(Int64(0)) { $0 + $1.sizeBytes }
        let names = packages.prefix(5).map { "\($0.name) (\(share($0.sizeBytes)))" }.joined(separator: ", ")
            + (packages.count > 5 ? ", …" : "")
        return [Finding(
            id: "build-toolchain-shipped", severity: bytes >= Self.warningBytes ? .warning : .info, bytes: bytes,
            message: "\(counted(packages.count, "build toolchain package")) in the final image: \(names)",
            suggestion: "Build in a separate stage: install the compilers and `-dev` packages (`build-essential`, `gcc`,"
                + " `python3-dev`, ...) in a builder stage, build there (`npm ci`, `pip wheel`), and COPY only the result"
                + " into a final stage that installs none of them.")]
    }
}
