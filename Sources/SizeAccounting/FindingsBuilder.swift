import ImageModel

/// Turns a ledger into findings: what is at stake, in bytes, and the next step. Messages carry
/// names, counts and shares but no formatted sizes: `Finding.bytes` holds the size, and renderers
/// format it in the units the user chose.
struct FindingsBuilder {
    let image: LoadedImage
    let ledger: SizeLedger
    let copies: [AccountingPass.NodeCopy]
    let scopes: [InstalledPackage.Scope?]
    let roots: [AccountingPass.ProjectRoot]

    /// Below this many bytes a cache, leftover or wasteful layer is only worth an info.
    static let warningBytes: Int64 = 10_000_000

    func findings() -> [Finding] {
        var result: [Finding] = []
        result += devDependencies()
        result += mlLibraries()
        result += cachesAndLeftovers()
        result += nodeModulesExtras()
        result += duplicates()
        result += duplicateFiles()
        result += extraneous()
        result += wasted()
        result += buildToolchain()
        result += configuration()
        return result.sorted(by: Finding.reportOrder)
    }

    // MARK: Node packages

    private func devDependencies() -> [Finding] {
        let bytes = ledger.bytes(.devDependencies)
        guard bytes > 0 else { return [] }
        let count = scopes.filter { $0 == .dev }.count
        var message = "\(count) node \(count == 1 ? "package is" : "packages are") reachable only through devDependencies"
            + " (\(counted(ledger.fileCount(.devDependencies), "file")), \(share(bytes)) of the image)"
        let statements = ledger.nodeInstalls.compactMap { install in
            install.devDependenciesStatement.map { "\($0) in \(install.path)" }
        }
        if !statements.isEmpty { message += "; " + statements.joined(separator: "; ") }
        // The install that holds most dev bytes decides which command to suggest.
        let install = ledger.nodeInstalls.max { ($0.devBytes, $1.path) < ($1.devBytes, $0.path) }
        let project = roots.first?.manifest.name ?? "<service>"
        let suggestion: String
        switch install?.manager ?? .unknown {
        case .pnpm:
            suggestion = "Install production dependencies only in the final stage: `pnpm install --prod --frozen-lockfile`,"
                + " or in a pnpm workspace `pnpm --filter \(project) deploy --prod /out` and copy /out into the final image."
        case .npm:
            suggestion = "Install production dependencies only in the final stage: `npm ci --omit=dev`"
                + " (or `npm prune --omit=dev` after the build step)."
        case .yarn:
            suggestion = "Install production dependencies only in the final stage: `yarn install --production --frozen-lockfile`"
                + " (yarn berry: `yarn workspaces focus --production`)."
        case .unknown:
            suggestion = "Install production dependencies only in the final stage: `npm ci --omit=dev`,"
                + " `pnpm install --prod --frozen-lockfile` or `pnpm --filter \(project) deploy --prod /out`."
        }
        return [Finding(id: "dev-dependencies-shipped", severity: .warning, bytes: bytes, message: message, suggestion: suggestion)]
    }

    private func nodeModulesExtras() -> [Finding] {
        var bytes = Array(repeating: Int64(0), count: NodeModulesExtra.allCases.count)
        var files = Array(repeating: 0, count: NodeModulesExtra.allCases.count)
        for (index, copy) in copies.enumerated() where scopes[index] != .dev {
            for kind in NodeModulesExtra.allCases {
                bytes[kind.rawValue] += copy.extraBytes[kind.rawValue]
                files[kind.rawValue] += copy.extraFiles[kind.rawValue]
            }
        }
        let total = bytes.reduce(0, +)
        guard total > 0 else { return [] }
        let parts = NodeModulesExtra.allCases.filter { files[$0.rawValue] > 0 }
            .sorted { (bytes[$0.rawValue], $1.rawValue) > (bytes[$1.rawValue], $0.rawValue) }
            .map { "\($0.label) (\(counted(files[$0.rawValue], "file")))" }
        return [Finding(
            id: "node-modules-extras", severity: .info, bytes: total,
            message: "packages outside devDependencies ship files production code does not load: " + parts.joined(separator: ", "),
            suggestion: "After the production install, in the same RUN step: `find node_modules -type f \\( -name '*.map' -o -name '*.md'"
                + " -o \\( -name '*.ts' ! -name '*.d.ts' \\) \\) -delete` (check that nothing loads them at run time),"
                + " or a pruning tool such as clean-modules.")]
    }

    private func duplicates() -> [Finding] {
        let extra = ledger.duplicates.reduce(Int64(0)) { $0 + $1.extraBytes }
        guard !ledger.duplicates.isEmpty, extra > 0 else { return [] }
        let examples = ledger.duplicates.prefix(5).map { duplicate in
            let versions = duplicate.versions.isEmpty ? "" : " (\(duplicate.versions.joined(separator: ", ")))"
            return "\(duplicate.name) ×\(duplicate.copies)\(versions)"
        }
        let more = ledger.duplicates.count > 5 ? ", …" : ""
        return [Finding(
            id: "duplicate-packages", severity: .info, bytes: extra,
            message: "\(counted(ledger.duplicates.count, "package")) installed in several versions or copies: "
                + examples.joined(separator: ", ") + more,
            suggestion: "Deduplicate: `pnpm dedupe` or `npm dedupe`; align the version ranges in package.json files"
                + " (pnpm.overrides / overrides for stubborn ones).")]
    }

    // MARK: Files

    /// One finding for all groups: the bytes are the extra copies', each counted once.
    private func duplicateFiles() -> [Finding] {
        let groups = ledger.duplicateFiles
        guard let largest = groups.first else { return [] }
        let extra = groups.reduce(Int64(0)) { $0 + $1.extraBytes }
        let extraCount = groups.reduce(0) { $0 + $1.paths.count - 1 }
        var byCategory: [SizeCategory: Int64] = [:]
        for group in groups {
            for total in group.extraCategories { byCategory[total.category, default: 0] += total.bytes }
        }
        let categories = byCategory.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .map { "\($0.key.rawValue) (\(share($0.value)))" }.joined(separator: ", ")
        let examples = groups.prefix(3).map { group in
            "\(group.keptPath) also at " + group.extraPaths.joined(separator: ", ")
        }
        let more = groups.count > 3 ? "; …" : ""
        let copies = largest.extraPaths.map { "`rm \($0)`" }.joined(separator: ", ")
        let link = largest.extraPaths.first.map { "`ln -s \(largest.keptPath) \($0)`" } ?? ""
        return [Finding(
            id: "duplicate-files", severity: extra >= Self.warningBytes ? .warning : .info, bytes: extra,
            message: "\(counted(extraCount, "extra copy", plural: "extra copies")) of \(counted(groups.count, "file"))"
                + " with identical contents (\(share(extra)) of the image, in \(categories)): " + examples.joined(separator: "; ") + more,
            suggestion: "Keep one copy of each file: delete the extra copies in the step that creates them (\(copies)),"
                + " or make them links to the kept copy in that step (\(link)); copy or install each file once"
                + " (one vendored native library, one model directory).")]
    }

    private func extraneous() -> [Finding] {
        let indices = scopes.indices.filter { scopes[$0] == .extraneous }
        guard !indices.isEmpty else { return [] }
        let bytes = indices.reduce(Int64(0)) { $0 + copies[$1].sizeBytes }
        let names = Set(indices.map { copies[$0].name }).sorted().prefix(5).joined(separator: ", ")
        let message: String
        let suggestion: String
        if roots.isEmpty {
            message = "no package.json outside node_modules: the scope of \(counted(indices.count, "node package"))"
                + " cannot be decided (e.g. \(names))"
            suggestion = "Copy the project's package.json into the image beside node_modules,"
                + " so that dev-only packages can be told apart."
        } else {
            message = "\(counted(indices.count, "node package")) reachable from no package.json (e.g. \(names))"
            suggestion = "Remove them with `npm prune` / `pnpm prune`, or install from a clean state"
                + " (`npm ci`, `pnpm install --frozen-lockfile`)."
        }
        return [Finding(id: "extraneous-packages", severity: .info, bytes: bytes, message: message, suggestion: suggestion)]
    }

    // MARK: Rules

    private func mlLibraries() -> [Finding] {
        let bytes = ledger.bytes(.mlLibraries)
        guard bytes > 0 else { return [] }
        let parts = ledger.rules.filter { $0.category == .mlLibraries }
        let names = parts.map { "\($0.name) (\(share($0.bytes)))" }.joined(separator: ", ")
        return [Finding(
            id: "ml-libraries-in-image", severity: .warning, bytes: bytes,
            message: "ML and native libraries take \(share(bytes)) of the image: \(names)",
            suggestion: parts.first?.suggestion
                ?? "Move inference into a separate ML service image and call it over HTTP or gRPC.")]
    }

    private func cachesAndLeftovers() -> [Finding] {
        ledger.rules.filter { $0.category == .cachesAndLeftovers && $0.bytes > 0 }.map { rule in
            Finding(
                id: "caches-and-leftovers", severity: rule.bytes >= Self.warningBytes ? .warning : .info, bytes: rule.bytes,
                message: "\(rule.name): \(counted(rule.fileCount, "file")) under " + rule.paths.joined(separator: ", ")
                    + (rule.paths.count >= AccountingPass.rootLimit ? ", …" : ""),
                suggestion: rule.suggestion ?? "Add the files to .dockerignore, or delete them in the step that created them.")
        }
    }

    // MARK: Formatting

    /// "12%", "<1%": the share of the image's content bytes.
    func share(_ bytes: Int64) -> String {
        guard image.contentBytes > 0 else { return "0%" }
        let percent = (bytes * 100 + image.contentBytes / 2) / image.contentBytes
        return percent == 0 && bytes > 0 ? "<1%" : "\(percent)%"
    }

    /// "1 file", "3,400 files".
    func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        let digits = String(count)
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += "," }
            grouped.append(character)
        }
        return "\(grouped) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
