import ImageModel

/// What a fix may look at about one regular file of the final filesystem.
struct PlanFile {
    let position: Int
    let sizeBytes: Int64
    /// The ledger's category (after the dependency graph decided node packages' scope).
    let category: SizeCategory
    /// A test, doc, source map or TypeScript source inside a node package (`NodeModulesExtra`).
    let isNodeExtra: Bool
    /// Owned by an OS package of the build toolchain.
    let isToolchain: Bool
    let files: FileList

    /// The file's path ("/app/node_modules/x/README.md"), made only when a fix asks.
    var path: String { files[position].path }
}

/// Which final files a fix removes. The first three are decided from the pass's one-byte mark, so
/// the planner looks them up in a table instead of calling anything per file; `custom` is any
/// other predicate (paths of duplicate copies, say), called per file only where no earlier fix
/// already claimed the file.
enum FileClaim {
    case none
    case category(SizeCategory)
    case nodeExtra
    case toolchain
    case custom((PlanFile) -> Bool)

    /// For the mark-decided claims: whether a file with these facts is claimed; nil for `custom`.
    func claims(category: SizeCategory, nodeExtra: Bool, toolchain: Bool) -> Bool? {
        switch self {
        case .none: return false
        case .category(let claimed): return claimed == category
        case .nodeExtra: return nodeExtra
        case .toolchain: return toolchain
        case .custom: return nil
        }
    }
}

/// One kind of fix the savings plan can propose: an id, a title, its next steps, and what it
/// removes, as claims over final files and over wasted bytes. A new fix is one more entry in
/// `standard`; the planner does the counting.
struct PlanFix {
    var id: String
    var title: String
    /// The commands or Dockerfile changes, most important first; empty when the ledger has
    /// nothing for the fix (it then claims nothing either).
    var nextSteps: [String]
    /// Final files the fix removes.
    var claimsFile: FileClaim = .none
    /// Wasted bytes (per layer and superseding layer) the fix removes.
    var claimsWaste: (WasteCause) -> Bool = { _ in false }

    /// Every fix, in plan order: cheapest and safest first, so that a file two fixes would remove
    /// is credited to the one with less effort and risk (Docs/accounting.md, "The savings plan").
    /// Files nothing at run time reads (caches, superseded copies) come first, then what the
    /// dependency graph proves unused, then files production code could load, then extra copies
    /// of identical files (a link or one install instead), then changes to the build (a builder
    /// stage), and last a change to the architecture (a separate ML service).
    static func standard(image: LoadedImage, ledger: SizeLedger) -> [PlanFix] {
        func suggestions(_ id: String) -> [String] {
            unique(ledger.findings.filter { $0.id == id && $0.bytes > 0 }.map(\.suggestion))
        }
        func waste(_ remedy: WasteRemedy) -> [String] {
            unique(image.wasteCauses.filter { $0.bytes > 0 && WasteRemedy($0, in: image) == remedy }.map { remedy.suggestion(for: $0) })
        }
        func wasteClaim(_ remedy: WasteRemedy) -> (WasteCause) -> Bool {
            { WasteRemedy($0, in: image) == remedy }
        }
        return [
            PlanFix(
                id: "remove-caches-and-leftovers", title: "remove caches and leftovers",
                nextSteps: suggestions("caches-and-leftovers"), claimsFile: .category(.cachesAndLeftovers)),
            PlanFix(
                id: "set-ownership-when-copying", title: "set ownership when copying, not in a RUN chown",
                nextSteps: waste(.ownershipWhenCopying), claimsWaste: wasteClaim(.ownershipWhenCopying)),
            PlanFix(
                id: "delete-in-the-same-step", title: "delete files in the step that creates them",
                nextSteps: waste(.deleteInSameStep), claimsWaste: wasteClaim(.deleteInSameStep)),
            PlanFix(
                id: "avoid-rewriting-layers", title: "stop rewriting files of earlier layers",
                nextSteps: waste(.avoidRewrites), claimsWaste: wasteClaim(.avoidRewrites)),
            PlanFix(
                id: "prune-dev-dependencies", title: "prune dev dependencies",
                nextSteps: suggestions("dev-dependencies-shipped"), claimsFile: .category(.devDependencies)),
            PlanFix(
                id: "strip-node-modules-extras", title: "strip tests, docs and source maps from node_modules",
                nextSteps: suggestions("node-modules-extras"), claimsFile: .nodeExtra),
            PlanFix(
                id: "drop-duplicate-copies", title: "ship each duplicate file once",
                nextSteps: suggestions("duplicate-files"), claimsFile: duplicateCopies(ledger)),
            PlanFix(
                id: "drop-build-toolchain", title: "drop the build toolchain from the final stage",
                nextSteps: suggestions("build-toolchain-shipped"), claimsFile: .toolchain),
            PlanFix(
                id: "move-ml-libraries", title: "move ML libraries to a separate service",
                nextSteps: suggestions("ml-libraries-in-image"), claimsFile: .category(.mlLibraries)),
        ]
    }

    /// The extra copies of every duplicate file group (the kept copy stays); nothing when there
    /// are none, so the planner never calls a predicate per file for nothing.
    private static func duplicateCopies(_ ledger: SizeLedger) -> FileClaim {
        let extra = Set(ledger.duplicateFiles.flatMap(\.extraPaths))
        guard !extra.isEmpty else { return .none }
        return .custom { extra.contains($0.path) }
    }

    /// `texts` without repeats, first occurrence kept.
    private static func unique(_ texts: [String]) -> [String] {
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }
    }
}
