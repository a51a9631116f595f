import Foundation
import ImageModel
import SizeAccounting
import Testing

/// pnpm-lock.yaml as the cross-check of pnpm installs, in lockfile versions 6.0, 7.0 and 9.0,
/// written by the test from one model of PnpmLayoutTests' workspace. Expected counts and
/// disagreements come from the model's own dev flags and the fixture's expected categories.
@Suite struct PnpmLockfileTests {
    /// One resolved package of the model.
    struct Package {
        var name: String
        var version: String
        var peers: String? = nil
        /// The model's truth: resolved for development only.
        var dev: Bool
        var dependencies: [(String, String)] = []

        var key: String { "\(name)@\(version)" + (peers.map { "(\($0))" } ?? "") }
    }

    /// (importer, section, name, version reference)
    typealias Edge = (importer: String, section: String, name: String, version: String)

    static let packages: [Package] = [
        Package(name: "@nestjs/core", version: "10.3.0", peers: "rxjs@7.8.1", dev: false,
                dependencies: [("rxjs", "7.8.1"), ("tslib", "2.6.2")]),
        Package(name: "jest", version: "29.7.0", dev: true, dependencies: [("jest-cli", "29.7.0")]),
        Package(name: "jest-cli", version: "29.7.0", dev: true, dependencies: [("tslib", "2.6.2")]),
        Package(name: "lodash", version: "4.17.21", dev: false),
        Package(name: "rxjs", version: "7.8.1", dev: false),
        Package(name: "tslib", version: "2.6.2", dev: false),
        Package(name: "typescript", version: "5.4.5", dev: true),
    ]

    static let importers: [Edge] = [
        (".", "devDependencies", "typescript", "5.4.5"),
        ("apps/api", "dependencies", "@acme/shared", "link:../../packages/shared"),
        ("apps/api", "dependencies", "@nestjs/core", "10.3.0(rxjs@7.8.1)"),
        ("apps/api", "devDependencies", "jest", "29.7.0"),
        ("packages/shared", "dependencies", "lodash", "4.17.21"),
    ]

    /// The lockfile text of `version` ("6.0", "7.0", "9.0") for the model.
    static func lockfile(_ version: String, packages: [Package] = packages, importers: [Edge] = importers) -> String {
        let major = version.prefix(1)
        let slash = major == "9" ? "" : "/"
        var text = "lockfileVersion: '\(version)'\n\nsettings:\n  autoInstallPeers: true\n  excludeLinksFromLockfile: false\n\nimporters:\n"
        for importer in distinct(importers.map(\.importer)) {
            text += "\n  \(importer):\n"
            for section in ["dependencies", "devDependencies", "optionalDependencies"] {
                let edges = importers.filter { $0.importer == importer && $0.section == section }
                if edges.isEmpty { continue }
                text += "    \(section):\n"
                for edge in edges { text += "      '\(edge.name)':\n        specifier: '*'\n        version: \(edge.version)\n" }
            }
        }
        func dependencies(_ package: Package, indent: String) -> String {
            guard !package.dependencies.isEmpty else { return "" }
            return indent + "dependencies:\n" + package.dependencies.map { "\(indent)  '\($0.0)': \($0.1)\n" }.joined()
        }
        text += "\npackages:\n"
        switch major {
        case "6":
            for package in packages {
                text += "\n  '/\(package.key)':\n    resolution: {integrity: sha512-abc}\n"
                text += dependencies(package, indent: "    ") + "    dev: \(package.dev)\n"
            }
        default:
            for package in packages {
                text += "\n  '\(slash)\(package.name)@\(package.version)':\n    resolution: {integrity: sha512-abc}\n"
            }
            text += "\nsnapshots:\n"
            for package in packages {
                text += "\n  '\(slash)\(package.key)':"
                let body = dependencies(package, indent: "    ") + (major == "7" ? "    dev: \(package.dev)\n" : "")
                text += body.isEmpty ? " {}\n" : "\n" + body
            }
        }
        return text
    }

    /// The distinct names in order of first appearance.
    private static func distinct(_ names: [String]) -> [String] {
        var seen: [String] = []
        for name in names where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// PnpmLayoutTests' workspace with `text` as its pnpm-lock.yaml.
    static func spec(lockfile text: String) -> TestImage {
        var spec = PnpmLayoutTests.spec()
        spec.text("/app/pnpm-lock.yaml", text, .app)
        return spec
    }

    /// Directories (relative to /app) of the installed copies the model resolves, by key.
    static func storeDirectory(_ package: Package) -> String {
        let entry = package.key.replacingOccurrences(of: "/", with: "+").replacingOccurrences(of: "(", with: "_")
            .replacingOccurrences(of: ")", with: "")
        return "node_modules/.pnpm/\(entry)/node_modules/\(package.name)"
    }

    @Test(arguments: ["6.0", "7.0", "9.0"])
    func lockfileAgreesWithTheGraph(version: String) throws {
        let (ledger, _) = try accountAndCheck(Self.spec(lockfile: Self.lockfile(version)))
        let install = try #require(ledger.nodeInstalls.first { $0.path == "/app/node_modules" })
        #expect(install.lockfile == "/app/pnpm-lock.yaml")
        #expect(install.lockfileDevPackages == Self.packages.filter(\.dev).count)
        #expect(install.disagreementCount == 0)
        #expect(install.disagreements == [])
        #expect(ledger.notes.allSatisfy { !$0.contains("pnpm-lock.yaml") }, "\(ledger.notes)")
    }

    @Test(arguments: ["6.0", "7.0"])
    func flaggedDisagreementsAreReported(version: String) throws {
        // The lockfile claims typescript is prod and tslib dev: the graph says the opposite.
        let flipped = Set(["typescript", "tslib"])
        let packages = Self.packages.map { package in
            var changed = package
            if flipped.contains(package.name) { changed.dev.toggle() }
            return changed
        }
        let (ledger, _) = try accountAndCheck(Self.spec(lockfile: Self.lockfile(version, packages: packages)))
        let install = try #require(ledger.nodeInstalls.first { $0.path == "/app/node_modules" })
        #expect(install.lockfileDevPackages == packages.filter(\.dev).count)
        let expected = Self.packages.filter { flipped.contains($0.name) }.map(Self.storeDirectory).sorted()
        #expect(install.disagreements == expected)
        #expect(install.disagreementCount == expected.count)
    }

    @Test func reachabilityDecidesForVersion9() throws {
        // typescript moves from the root's devDependencies to its dependencies: prod for pnpm.
        var importers = Self.importers
        importers[0].section = "dependencies"
        let (ledger, _) = try accountAndCheck(Self.spec(lockfile: Self.lockfile("9.0", importers: importers)))
        let install = try #require(ledger.nodeInstalls.first { $0.path == "/app/node_modules" })
        #expect(install.lockfileDevPackages == Self.packages.filter { $0.dev && $0.name != "typescript" }.count)
        #expect(install.disagreements == [Self.storeDirectory(Self.packages.first { $0.name == "typescript" }!)])
    }

    @Test func singleProjectVersion6WithAHoistedLayout() throws {
        // One project: the sections sit at the top of the file; copies are matched by name and version.
        var spec = TestImage()
        spec.json("/app/package.json", TestImage.manifest(name: "svc", version: "1.0.0", dependencies: ["ms"], devDependencies: ["chalk"]), .app)
        spec.npmPackage("/app/node_modules/ms", name: "ms", version: "2.1.3", files: [("index.js", 3_000)], expect: .nodeModules)
        spec.npmPackage("/app/node_modules/chalk", name: "chalk", version: "5.3.0", files: [("index.js", 12_000)], expect: .devDependencies)
        spec.text("/app/node_modules/.modules.yaml", "included:\n  devDependencies: true\nnodeLinker: hoisted\n", .nodeModules)
        spec.text("/app/pnpm-lock.yaml", """
            lockfileVersion: '6.0'

            dependencies:
              ms:
                specifier: ^2.1.3
                version: 2.1.3

            devDependencies:
              chalk:
                specifier: ^5.3.0
                version: 5.3.0

            packages:

              /chalk@5.3.0:
                resolution: {integrity: sha512-abc}
                dev: false

              /ms@2.1.3:
                resolution: {integrity: sha512-def}
                dev: false

            """, .app)
        let (ledger, _) = try accountAndCheck(spec)
        let install = try #require(ledger.nodeInstalls.first)
        #expect(install.manager == .pnpm)
        #expect(install.lockfileDevPackages == 0)
        #expect(install.disagreements == ["node_modules/chalk"], "the lockfile says chalk is prod; the graph says dev")
    }

    @Test func unreadableLockfilesAreNotesAndAccountingGoesOn() throws {
        let cases = [
            ("lockfileVersion: '5.4'\n", "lockfile version 5.4 is not one this build reads"),
            ("importers: [\n", "not valid YAML"),
            ("- a\n- b\n", "not the expected shape"),
            ("a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: &d [*c, *c, *c, *c]\ne: &e [*d, *d, *d, *d]\n"
                + "f: &f [*e, *e, *e, *e]\ng: &g [*f, *f, *f, *f]\nh: &h [*g, *g, *g, *g]\ni: &i [*h, *h, *h, *h]\n"
                + "j: &j [*i, *i, *i, *i]\nk: &k [*j, *j, *j, *j]\nl: [*k, *k, *k, *k]\n", "aliases expand it"),
        ]
        let zeros = String(repeating: "\0", count: 3_000)
        let controlNote = try #require(try accountAndCheck(Self.spec(lockfile: zeros)).ledger.notes.first { $0.contains("pnpm-lock") })
        #expect(controlNote == "/app/pnpm-lock.yaml is unreadable (not valid YAML: 1:1: error: reader: control characters are not allowed);"
                + " pnpm scopes are not cross-checked", "one short line, no bytes of the file")
        for (text, reason) in cases {
            let (ledger, _) = try accountAndCheck(Self.spec(lockfile: text))
            let note = ledger.notes.first { $0.hasPrefix("/app/pnpm-lock.yaml is unreadable (") }
            #expect(note?.contains(reason) == true, "\(text.prefix(20)): \(ledger.notes)")
            let install = try #require(ledger.nodeInstalls.first { $0.path == "/app/node_modules" })
            #expect(install.lockfile == nil)
            #expect(install.lockfileDevPackages == nil)
        }
    }
}
