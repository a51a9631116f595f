import ImageModel
import SizeAccounting
import StableJSON
import Testing

/// npm's flat layout with nested conflicting versions, scoped packages, a dev-only chain, an
/// extraneous package and the hidden lockfile as cross-check.
@Suite struct NpmLayoutTests {
    /// /app: express (-> debug -> ms, lodash@4), @nestjs/core (-> tslib), optional fsevents-like
    /// `chokidar-native`, peer `rxjs`; devDependencies: jest (-> lodash@3 nested, -> chalk).
    static func spec(lockDevFlags: [String: Bool]? = nil) -> TestImage {
        var spec = TestImage()
        spec.json("/app/package.json", TestImage.manifest(
            name: "svc", version: "1.0.0", dependencies: ["express", "@nestjs/core"], devDependencies: ["jest"],
            optional: ["chokidar-native"], peers: ["rxjs"]), .app)
        spec.file("/app/dist/main.js", 4_000, .app)
        let nm = "/app/node_modules"
        spec.npmPackage(nm + "/express", name: "express", version: "4.18.2", dependencies: ["debug", "lodash"],
                        files: [("index.js", 50_000), ("lib/router.js", 30_000)], expect: .nodeModules)
        spec.npmPackage(nm + "/debug", name: "debug", version: "4.3.4", dependencies: ["ms"],
                        files: [("src/index.js", 9_000)], expect: .nodeModules)
        spec.npmPackage(nm + "/ms", name: "ms", version: "2.1.3", files: [("index.js", 3_000)], expect: .nodeModules)
        spec.npmPackage(nm + "/lodash", name: "lodash", version: "4.17.21", files: [("lodash.js", 540_000)], expect: .nodeModules)
        spec.npmPackage(nm + "/@nestjs/core", name: "@nestjs/core", version: "10.3.0", dependencies: ["tslib"],
                        files: [("index.js", 20_000), ("index.js.map", 7_000), ("README.md", 2_000)], expect: .nodeModules)
        spec.npmPackage(nm + "/tslib", name: "tslib", version: "2.6.2", files: [("tslib.js", 16_000), ("tslib.d.ts", 11_000)],
                        expect: .nodeModules)
        spec.npmPackage(nm + "/chokidar-native", name: "chokidar-native", version: "1.0.0", files: [("build/x.node", 70_000)],
                        expect: .nodeModules)
        spec.npmPackage(nm + "/rxjs", name: "rxjs", version: "7.8.1", files: [("dist/index.js", 100_000), ("src/index.ts", 25_000)],
                        expect: .nodeModules)
        // Dev-only: jest, its nested lodash@3 (conflict with the top-level 4.x), and chalk.
        spec.npmPackage(nm + "/jest", name: "jest", version: "29.7.0", dependencies: ["lodash", "chalk"],
                        files: [("build/jest.js", 60_000)], expect: .devDependencies)
        spec.npmPackage(nm + "/jest/node_modules/lodash", name: "lodash", version: "3.10.1",
                        files: [("index.js", 400_000)], expect: .devDependencies)
        spec.npmPackage(nm + "/chalk", name: "chalk", version: "5.3.0", files: [("source/index.js", 12_000)], expect: .devDependencies)
        // Nobody depends on it.
        spec.npmPackage(nm + "/left-pad", name: "left-pad", version: "1.3.0", files: [("index.js", 1_000)], expect: .nodeModules)
        spec.symlink(nm + "/.bin/jest", to: "../jest/bin/jest.js")
        if let lockDevFlags {
            var packages: [JSONMember] = []
            for (path, dev) in lockDevFlags.sorted(by: { $0.key < $1.key }) {
                packages.append(JSONMember(path, dev ? ["version": "1.0.0", "dev": true] : ["version": "1.0.0"]))
            }
            spec.json(nm + "/.package-lock.json", ["name": "svc", "lockfileVersion": 3, "packages": .object(packages)], .nodeModules)
        }
        return spec
    }

    static let devPaths = ["node_modules/jest", "node_modules/jest/node_modules/lodash", "node_modules/chalk"]
    static let prodPaths = [
        "node_modules/express", "node_modules/debug", "node_modules/ms", "node_modules/lodash", "node_modules/@nestjs/core",
        "node_modules/tslib", "node_modules/chokidar-native", "node_modules/rxjs",
    ]

    @Test func categoriesAndScopes() throws {
        let (ledger, _) = try accountAndCheck(Self.spec())
        #expect(ledger.package(.npm, "express")?.scope == .prod)
        #expect(ledger.package(.npm, "ms")?.scope == .prod)
        #expect(ledger.package(.npm, "@nestjs/core")?.scope == .prod)
        #expect(ledger.package(.npm, "chokidar-native")?.scope == .prod, "optionalDependencies are prod")
        #expect(ledger.package(.npm, "rxjs")?.scope == .prod, "peerDependencies are prod")
        #expect(ledger.package(.npm, "lodash", "4.17.21")?.scope == .prod)
        #expect(ledger.package(.npm, "lodash", "3.10.1")?.scope == .dev)
        #expect(ledger.package(.npm, "jest")?.scope == .dev)
        #expect(ledger.package(.npm, "chalk")?.scope == .dev)
        #expect(ledger.package(.npm, "left-pad")?.scope == .extraneous)
    }

    @Test func packageSizesAndPaths() throws {
        let spec = Self.spec()
        let (ledger, _) = try accountAndCheck(spec)
        let manifestBytes = Int64(JSONWriter.pretty(TestImage.manifest(name: "jest", version: "29.7.0", dependencies: ["lodash", "chalk"])).utf8.count)
        let jest = try #require(ledger.package(.npm, "jest"))
        // Files of the nested lodash belong to lodash@3, not to jest.
        #expect(jest.sizeBytes == 60_000 + manifestBytes)
        #expect(jest.fileCount == 2)
        #expect(jest.paths == ["/app/node_modules/jest"])
        let nested = try #require(ledger.package(.npm, "lodash", "3.10.1"))
        #expect(nested.paths == ["/app/node_modules/jest/node_modules/lodash"])
        let scoped = try #require(ledger.package(.npm, "@nestjs/core"))
        #expect(scoped.paths == ["/app/node_modules/@nestjs/core"])
        #expect(ledger.packages.filter { $0.ecosystem == .npm }.count == 12)
    }

    @Test func duplicateVersions() throws {
        let (ledger, _) = try accountAndCheck(Self.spec())
        let lodash = try #require(ledger.duplicates.first { $0.name == "lodash" })
        #expect(lodash.versions == ["3.10.1", "4.17.21"])
        #expect(lodash.copies == 2)
        let v3 = try #require(ledger.package(.npm, "lodash", "3.10.1")).sizeBytes
        let v4 = try #require(ledger.package(.npm, "lodash", "4.17.21")).sizeBytes
        #expect(lodash.totalBytes == v3 + v4)
        #expect(lodash.extraBytes == min(v3, v4))
        #expect(ledger.findings("duplicate-packages").first?.bytes == min(v3, v4))
    }

    @Test func hiddenLockfileAgrees() throws {
        var flags: [String: Bool] = [:]
        for path in Self.devPaths { flags[path] = true }
        for path in Self.prodPaths { flags[path] = false }
        let (ledger, _) = try accountAndCheck(Self.spec(lockDevFlags: flags))
        let install = try #require(ledger.nodeInstalls.first { $0.path == "/app/node_modules" })
        #expect(install.manager == .npm)
        #expect(install.lockfileDevPackages == 3)
        #expect(install.devDependenciesInstalled == true)
        #expect(install.disagreementCount == 0)
        #expect(install.devPackages == 3)
        #expect(install.prodPackages == 8)
        #expect(install.extraneousPackages == 1)
    }

    @Test func hiddenLockfileDisagreementIsReported() throws {
        var flags: [String: Bool] = [:]
        for path in Self.devPaths { flags[path] = true }
        for path in Self.prodPaths { flags[path] = false }
        flags["node_modules/ms"] = true  // the lockfile claims ms is dev; the graph reaches it from express
        let (ledger, _) = try accountAndCheck(Self.spec(lockDevFlags: flags))
        let install = try #require(ledger.nodeInstalls.first { $0.path == "/app/node_modules" })
        #expect(install.disagreementCount == 1)
        #expect(install.disagreements == ["node_modules/ms"])
        #expect(ledger.package(.npm, "ms")?.scope == .prod, "the graph decides, the lockfile only cross-checks")
    }

    @Test func devDependenciesFinding() throws {
        let spec = Self.spec()
        let (ledger, _) = try accountAndCheck(spec)
        let finding = try #require(ledger.findings("dev-dependencies-shipped").first)
        #expect(finding.severity == .warning)
        #expect(finding.bytes == spec.expectedBytes[.devDependencies])
        #expect(finding.message.hasPrefix("3 node packages are reachable only through devDependencies"))
        #expect(finding.suggestion.contains("npm ci --omit=dev") || finding.suggestion.contains("pnpm"))
    }

    @Test func nodeModulesExtrasCountProductionPackagesOnly() throws {
        let (ledger, _) = try accountAndCheck(Self.spec())
        // @nestjs/core: index.js.map (source map) + README.md (docs); rxjs: src/index.ts (TypeScript
        // source); tslib.d.ts is a declaration, not a source. Dev packages are left to the dev finding.
        let finding = try #require(ledger.findings("node-modules-extras").first)
        #expect(finding.bytes == 7_000 + 2_000 + 25_000)
    }

    @Test func withoutProjectManifestTheLockfileDecides() throws {
        // The same install, but the image has no /app/package.json: only the hidden lockfile knows.
        var flags: [String: Bool] = [:]
        for path in Self.devPaths { flags[path] = true }
        for path in Self.prodPaths { flags[path] = false }
        var spec = TestImage()
        spec.npmPackage("/app/node_modules/jest", name: "jest", version: "29.7.0", files: [("a.js", 10)], expect: .devDependencies)
        spec.npmPackage("/app/node_modules/ms", name: "ms", version: "2.1.3", files: [("a.js", 10)], expect: .nodeModules)
        spec.npmPackage("/app/node_modules/left-pad", name: "left-pad", version: "1.3.0", files: [("a.js", 10)], expect: .nodeModules)
        var packages: [JSONMember] = []
        for (path, dev) in flags.sorted(by: { $0.key < $1.key }) {
            packages.append(JSONMember(path, dev ? ["dev": true] : ["version": "1"]))
        }
        spec.json("/app/node_modules/.package-lock.json", ["lockfileVersion": 3, "packages": .object(packages)], .nodeModules)
        let (ledger, _) = try accountAndCheck(spec)
        #expect(ledger.package(.npm, "jest")?.scope == .dev)
        #expect(ledger.package(.npm, "ms")?.scope == .prod)
        #expect(ledger.package(.npm, "left-pad")?.scope == .extraneous)
        #expect(ledger.findings("extraneous-packages").first?.message.hasPrefix("no package.json outside node_modules") == true)
    }
}
