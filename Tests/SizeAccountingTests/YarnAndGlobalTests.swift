import ImageModel
import SizeAccounting
import Testing

/// yarn classic (flat, with its cache left in the image) and global installs.
@Suite struct YarnAndGlobalTests {
    @Test func yarnClassicWithCache() throws {
        var spec = TestImage()
        spec.workdir = "/usr/src/app"
        spec.json("/usr/src/app/package.json", TestImage.manifest(name: "api", version: "2.0.0", dependencies: ["axios"],
                                                                   devDependencies: ["eslint"]), .app)
        let nm = "/usr/src/app/node_modules"
        spec.npmPackage(nm + "/axios", name: "axios", version: "1.6.0", dependencies: ["follow-redirects"],
                        files: [("dist/axios.js", 80_000)], expect: .nodeModules)
        spec.npmPackage(nm + "/follow-redirects", name: "follow-redirects", version: "1.15.3", files: [("index.js", 20_000)], expect: .nodeModules)
        spec.npmPackage(nm + "/eslint", name: "eslint", version: "8.55.0", dependencies: ["@eslint/js"],
                        files: [("lib/linter.js", 300_000)], expect: .devDependencies)
        spec.npmPackage(nm + "/@eslint/js", name: "@eslint/js", version: "8.55.0", files: [("src/index.js", 10_000)], expect: .devDependencies)
        spec.text(nm + "/.yarn-integrity", "{}", .nodeModules)
        // yarn's cache holds unpacked packages under node_modules directories: still a cache.
        let cache = "/usr/local/share/.cache/yarn/v6/npm-axios-1.6.0-abc-integrity/node_modules/axios"
        spec.text(cache + "/package.json", #"{"name":"axios","version":"1.6.0"}"#, .cachesAndLeftovers)
        spec.file(cache + "/dist/axios.js", 80_000, .cachesAndLeftovers)
        let (ledger, _) = try accountAndCheck(spec)
        #expect(ledger.package(.npm, "axios")?.paths == ["/usr/src/app/node_modules/axios"], "the cache copy is no package")
        #expect(ledger.package(.npm, "eslint")?.scope == .dev)
        #expect(ledger.package(.npm, "@eslint/js")?.scope == .dev)
        #expect(ledger.nodeInstalls.map(\.path) == ["/usr/src/app/node_modules"])
        #expect(ledger.nodeInstalls.first?.manager == .yarn)
        #expect(ledger.findings("dev-dependencies-shipped").first?.suggestion.contains("yarn install --production") == true)
        #expect(ledger.findings("caches-and-leftovers").contains { $0.message.hasPrefix("yarn cache") })
    }

    @Test func globalInstallsAreProduction() throws {
        var spec = TestImage()
        spec.workdir = "/"
        let global = "/usr/local/lib/node_modules"
        spec.npmPackage(global + "/npm", name: "npm", version: "10.2.4", dependencies: ["abbrev"], files: [("index.js", 9_000)],
                        expect: .nodeModules)
        spec.npmPackage(global + "/npm/node_modules/abbrev", name: "abbrev", version: "2.0.0", files: [("index.js", 900)], expect: .nodeModules)
        spec.npmPackage(global + "/npm/node_modules/orphan", name: "orphan", version: "1.0.0", files: [("index.js", 100)], expect: .nodeModules)
        spec.npmPackage(global + "/pm2", name: "pm2", version: "5.3.0", files: [("index.js", 50_000)], expect: .nodeModules)
        spec.symlink("/usr/local/bin/pm2", to: "../lib/node_modules/pm2/bin/pm2")
        spec.file("/usr/local/bin/node", 90_000, .other)
        let (ledger, _) = try accountAndCheck(spec)
        #expect(ledger.package(.npm, "npm")?.scope == .prod)
        #expect(ledger.package(.npm, "pm2")?.scope == .prod)
        #expect(ledger.package(.npm, "abbrev")?.scope == .prod)
        #expect(ledger.package(.npm, "orphan")?.scope == .extraneous, "nested, and npm does not depend on it")
        let install = try #require(ledger.nodeInstalls.first)
        #expect(install.isGlobal)
        #expect(install.path == global)
        #expect(ledger.bytes(.app) == 0, "WORKDIR / has no app category")
    }

    @Test func aliasedAndManifestlessPackages() throws {
        var spec = TestImage()
        spec.json("/app/package.json", TestImage.manifest(name: "svc", version: "1", dependencies: ["old-lodash", "bare"]), .app)
        // An alias ("old-lodash": "npm:lodash@3") installs under the alias name with lodash's manifest.
        spec.npmPackage("/app/node_modules/old-lodash", name: "lodash", version: "3.10.1", files: [("index.js", 400)], expect: .nodeModules)
        // A package without a package.json still is a package (by its directory).
        spec.file("/app/node_modules/bare/index.js", 700, .nodeModules)
        let (ledger, _) = try accountAndCheck(spec)
        #expect(ledger.package(.npm, "lodash", "3.10.1")?.scope == .prod)
        let bare = try #require(ledger.package(.npm, "bare"))
        #expect(bare.version == nil)
        #expect(bare.sizeBytes == 700)
        #expect(bare.scope == .prod)
    }
}
