import ImageModel
import SizeAccounting
import StableJSON
import Testing

/// pnpm: the virtual store, top-level and sibling symlinks, a workspace link, `.modules.yaml`, a
/// peer-dependency variant (two copies of one version) and the store left in the image.
@Suite struct PnpmLayoutTests {
    static let store = "/app/node_modules/.pnpm"

    static func spec(includedDev: Bool = true, modulesYaml: String? = nil) -> TestImage {
        var spec = TestImage()
        spec.workdir = "/app"
        // Workspace root: tooling only. The service and a shared workspace package.
        spec.json("/app/package.json", TestImage.manifest(name: "monorepo", version: "0.0.0", devDependencies: ["typescript"]), .app)
        spec.json("/app/apps/api/package.json", TestImage.manifest(
            name: "@acme/api", version: "1.0.0", dependencies: ["@nestjs/core", "@acme/shared"], devDependencies: ["jest"]), .app)
        spec.file("/app/apps/api/dist/main.js", 30_000, .app)
        spec.json("/app/packages/shared/package.json", TestImage.manifest(name: "@acme/shared", version: "1.0.0", dependencies: ["lodash"]), .app)
        spec.file("/app/packages/shared/dist/index.js", 5_000, .app)

        let s = store
        spec.npmPackage(s + "/@nestjs+core@10.3.0_rxjs@7.8.1/node_modules/@nestjs/core", name: "@nestjs/core", version: "10.3.0",
                        dependencies: ["tslib"], peers: ["rxjs"], files: [("index.js", 200_000)], expect: .nodeModules)
        spec.symlink(s + "/@nestjs+core@10.3.0_rxjs@7.8.1/node_modules/tslib", to: "../../tslib@2.6.2/node_modules/tslib")
        spec.symlink(s + "/@nestjs+core@10.3.0_rxjs@7.8.1/node_modules/rxjs", to: "../../rxjs@7.8.1/node_modules/rxjs")
        spec.npmPackage(s + "/tslib@2.6.2/node_modules/tslib", name: "tslib", version: "2.6.2", files: [("tslib.js", 16_000)], expect: .nodeModules)
        spec.npmPackage(s + "/rxjs@7.8.1/node_modules/rxjs", name: "rxjs", version: "7.8.1", files: [("dist/index.js", 300_000)], expect: .nodeModules)
        spec.npmPackage(s + "/lodash@4.17.21/node_modules/lodash", name: "lodash", version: "4.17.21", files: [("lodash.js", 540_000)],
                        expect: .nodeModules)
        // Dev: jest -> jest-cli -> tslib (already prod, stays prod); typescript from the root.
        spec.npmPackage(s + "/jest@29.7.0/node_modules/jest", name: "jest", version: "29.7.0", dependencies: ["jest-cli"],
                        files: [("build/index.js", 10_000)], expect: .devDependencies)
        spec.symlink(s + "/jest@29.7.0/node_modules/jest-cli", to: "../../jest-cli@29.7.0/node_modules/jest-cli")
        spec.npmPackage(s + "/jest-cli@29.7.0/node_modules/jest-cli", name: "jest-cli", version: "29.7.0", dependencies: ["tslib"],
                        files: [("build/cli.js", 80_000)], expect: .devDependencies)
        spec.symlink(s + "/jest-cli@29.7.0/node_modules/tslib", to: "../../tslib@2.6.2/node_modules/tslib")
        spec.npmPackage(s + "/typescript@5.4.5/node_modules/typescript", name: "typescript", version: "5.4.5",
                        files: [("lib/typescript.js", 9_000_000), ("lib/lib.d.ts", 200_000)], expect: .devDependencies)
        // The same version twice, for two peer sets: an extraneous leftover variant.
        spec.npmPackage(s + "/@nestjs+core@10.3.0_rxjs@7.5.0/node_modules/@nestjs/core", name: "@nestjs/core", version: "10.3.0",
                        files: [("index.js", 200_000)], expect: .nodeModules)
        // Links: the root's, the service's (incl. the workspace link) and the shared package's.
        spec.symlink("/app/node_modules/typescript", to: ".pnpm/typescript@5.4.5/node_modules/typescript")
        spec.symlink("/app/apps/api/node_modules/@nestjs/core", to: "../../../../node_modules/.pnpm/@nestjs+core@10.3.0_rxjs@7.8.1/node_modules/@nestjs/core")
        spec.symlink("/app/apps/api/node_modules/@acme/shared", to: "../../../../packages/shared")
        spec.symlink("/app/apps/api/node_modules/jest", to: "../../../node_modules/.pnpm/jest@29.7.0/node_modules/jest")
        spec.symlink("/app/packages/shared/node_modules/lodash", to: "../../../node_modules/.pnpm/lodash@4.17.21/node_modules/lodash")
        spec.text("/app/node_modules/.modules.yaml", modulesYaml ?? """
            hoistPattern:
              - '*'
            included:
              dependencies: true
              devDependencies: \(includedDev)
              optionalDependencies: true
            layoutVersion: 5
            nodeLinker: isolated
            packageManager: pnpm@9.1.0
            storeDir: /root/.local/share/pnpm/store/v3
            virtualStoreDir: .pnpm

            """, .nodeModules)
        spec.text(s + "/lock.yaml", "lockfileVersion: '9.0'\n", .nodeModules)
        // The store, left in the image by `pnpm install` without a cache mount.
        spec.file("/root/.local/share/pnpm/store/v3/files/00/0a1b2c", 3_000_000, .cachesAndLeftovers)
        spec.file("/root/.local/share/pnpm/store/v3/files/ff/ffeedd-index.json", 2_000, .cachesAndLeftovers)
        return spec
    }

    @Test func scopesFollowTheVirtualStoreAndWorkspaceLinks() throws {
        let (ledger, _) = try accountAndCheck(Self.spec())
        #expect(ledger.package(.npm, "@nestjs/core")?.scope == .prod)
        #expect(ledger.package(.npm, "rxjs")?.scope == .prod, "a peer dependency reached through pnpm's sibling link")
        #expect(ledger.package(.npm, "tslib")?.scope == .prod, "prod wins over the dev path through jest-cli")
        #expect(ledger.package(.npm, "lodash")?.scope == .prod, "through the workspace link to packages/shared")
        #expect(ledger.package(.npm, "jest")?.scope == .dev)
        #expect(ledger.package(.npm, "jest-cli")?.scope == .dev)
        #expect(ledger.package(.npm, "typescript")?.scope == .dev)
    }

    @Test func peerVariantsAreCopiesOfOnePackage() throws {
        let (ledger, _) = try accountAndCheck(Self.spec())
        let core = try #require(ledger.package(.npm, "@nestjs/core", "10.3.0"))
        #expect(core.paths == [
            Self.store + "/@nestjs+core@10.3.0_rxjs@7.5.0/node_modules/@nestjs/core",
            Self.store + "/@nestjs+core@10.3.0_rxjs@7.8.1/node_modules/@nestjs/core",
        ])
        #expect(core.scope == .prod, "the widest scope of the copies")
        let duplicate = try #require(ledger.duplicates.first { $0.name == "@nestjs/core" })
        #expect(duplicate.copies == 2)
        #expect(duplicate.versions == ["10.3.0"])
        // The smaller copy (the variant without dependencies in its manifest) is the extra one.
        let variant = Int64(JSONWriter.pretty(TestImage.manifest(name: "@nestjs/core", version: "10.3.0")).utf8.count) + 200_000
        #expect(duplicate.extraBytes == variant)
    }

    @Test func modulesYamlIsReported() throws {
        let (ledger, _) = try accountAndCheck(Self.spec())
        #expect(ledger.nodeInstalls.map(\.path) == ["/app/node_modules"], "the service's links-only node_modules is no install")
        let install = try #require(ledger.nodeInstalls.first)
        #expect(install.manager == .pnpm)
        #expect(install.devDependenciesInstalled == true)
        #expect(install.devDependenciesStatement == "pnpm installed devDependencies: yes")
        #expect(install.packageManagerVersion == "pnpm@9.1.0")
        #expect(install.storeDirectory == "/root/.local/share/pnpm/store/v3")
        #expect(install.devPackages == 3)
        #expect(install.prodPackages == 4)
        #expect(install.extraneousPackages == 1)
        let finding = try #require(ledger.findings("dev-dependencies-shipped").first)
        #expect(finding.message.contains("pnpm installed devDependencies: yes in /app/node_modules"))
        #expect(finding.suggestion.contains("pnpm --filter monorepo deploy --prod") || finding.suggestion.contains("pnpm install --prod"))
    }

    @Test func modulesYamlSaysNoDevDependencies() throws {
        let (ledger, _) = try accountAndCheck(Self.spec(includedDev: false))
        #expect(ledger.nodeInstalls.first?.devDependenciesStatement == "pnpm installed devDependencies: no")
    }

    @Test func modulesYamlWrittenAsJSONOrFlowStyle() throws {
        let json = #"{"included":{"dependencies":true,"devDependencies":false,"optionalDependencies":true},"storeDir":"/pnpm/store"}"#
        let (fromJSON, _) = try accountAndCheck(Self.spec(modulesYaml: json))
        #expect(fromJSON.nodeInstalls.first?.devDependenciesInstalled == false)
        #expect(fromJSON.nodeInstalls.first?.storeDirectory == "/pnpm/store")
        let flow = "included: {dependencies: true, devDependencies: true, optionalDependencies: false}\n"
        let (fromFlow, _) = try accountAndCheck(Self.spec(modulesYaml: flow))
        #expect(fromFlow.nodeInstalls.first?.devDependenciesInstalled == true)
    }

    @Test func storeIsACacheFinding() throws {
        let (ledger, _) = try accountAndCheck(Self.spec())
        let finding = try #require(ledger.findings("caches-and-leftovers").first { $0.message.hasPrefix("pnpm store") })
        #expect(finding.bytes == 3_002_000)
        #expect(finding.suggestion.contains("--mount=type=cache"))
    }

    @Test func hardlinkedStoreFilesCountOnce() throws {
        // pnpm hard-links package files from its store: the bytes count on the target only.
        var spec = TestImage()
        spec.json("/app/package.json", TestImage.manifest(name: "svc", version: "1", dependencies: ["ms"]), .app)
        spec.file("/pnpm/store/v3/files/aa/bbcc", 3_000, .cachesAndLeftovers)
        spec.hardlink(Self.store + "/ms@2.1.3/node_modules/ms/index.js", to: "/pnpm/store/v3/files/aa/bbcc")
        spec.npmPackage(Self.store + "/ms@2.1.3/node_modules/ms", name: "ms", version: "2.1.3", expect: .nodeModules)
        spec.symlink("/app/node_modules/ms", to: ".pnpm/ms@2.1.3/node_modules/ms")
        let (ledger, _) = try accountAndCheck(spec)
        #expect(ledger.package(.npm, "ms")?.fileCount == 1, "the package.json; the hard link holds no bytes")
        #expect(ledger.package(.npm, "ms")?.scope == .prod)
    }
}

/// A store kept where `.modules.yaml` says, though no built-in rule knows the place.
@Suite struct PnpmRecordedStoreTests {
    @Test func storeDirFromModulesYamlIsACache() throws {
        var spec = TestImage()
        spec.json("/app/package.json", TestImage.manifest(name: "svc", version: "1", dependencies: ["ms"]), .app)
        spec.npmPackage("/app/node_modules/.pnpm/ms@2.1.3/node_modules/ms", name: "ms", version: "2.1.3", files: [("index.js", 300)],
                        expect: .nodeModules)
        spec.symlink("/app/node_modules/ms", to: ".pnpm/ms@2.1.3/node_modules/ms")
        spec.text("/app/node_modules/.modules.yaml", "included:\n  devDependencies: false\nstoreDir: /srv/cache/pnpm-store/v3\n", .nodeModules)
        spec.file("/srv/cache/pnpm-store/v3/files/00/abc", 70_000, .cachesAndLeftovers)
        spec.file("/srv/cache/other.bin", 10, .other)
        let (ledger, _) = try accountAndCheck(spec)
        let finding = try #require(ledger.findings("caches-and-leftovers").first)
        #expect(finding.message == "pnpm store: 1 file under /srv/cache/pnpm-store/v3")
    }
}
