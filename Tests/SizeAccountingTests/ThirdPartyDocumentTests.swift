import ImageModel
import SizeAccounting
import StableJSON
import Testing

/// package.json files, npm's hidden lockfile and pnpm's `.modules.yaml` as written by other tools:
/// read as npm and pnpm read them, wrong-typed fields as absent, and anything unreadable a note
/// naming the file, in path order, while accounting goes on.
@Suite struct ThirdPartyDocumentTests {
    @Test func wrongTypedFieldsDoNotMakeAManifestUnreadable() throws {
        var spec = TestImage()
        // npm drops a dependency whose range is not a string and keeps its siblings.
        spec.text("/app/package.json", #"""
            {"name": "svc", "version": 3, "dependencies": {"ms": "^2", "broken": 7, "debug": {"x": 1}, "chalk": null},
             "devDependencies": "not an object", "optionalDependencies": ["left-pad"], "extra": {"deep": [1, 2, {"a": null}]}}
            """#, .app)
        spec.npmPackage("/app/node_modules/ms", name: "ms", version: "2.1.3", files: [("index.js", 3_000)], expect: .nodeModules)
        spec.npmPackage("/app/node_modules/debug", name: "debug", version: "4.3.4", files: [("index.js", 9_000)], expect: .nodeModules)
        spec.text("/app/node_modules/left-pad/package.json", #"{"name": ["left-pad"], "version": "1.3.0"}"#, .nodeModules)
        spec.file("/app/node_modules/left-pad/index.js", 1_000, .nodeModules)
        let (ledger, _) = try accountAndCheck(spec)
        #expect(ledger.package(.npm, "ms")?.scope == .prod)
        #expect(ledger.package(.npm, "debug")?.scope == .extraneous, "its range was an object: dropped")
        #expect(ledger.package(.npm, "left-pad", "1.3.0")?.scope == .extraneous, "named by its path; no section reaches it")
        #expect(ledger.notes == [])
    }

    @Test func surrogateEscapesInAManifestNeverTrap() throws {
        var spec = TestImage()
        spec.text("/app/package.json", #"{"name": "svc", "description": "\uD800\u0041", "dependencies": {"ms": "*"}}"#, .app)
        spec.npmPackage("/app/node_modules/ms", name: "ms", version: "2.1.3", files: [("index.js", 3_000)], expect: .nodeModules)
        spec.text("/app/node_modules/odd/package.json", #"{"name": "odd\uDC00", "version": "\uD83D\uDE00"}"#, .nodeModules)
        let (ledger, _) = try accountAndCheck(spec)
        #expect(ledger.package(.npm, "ms")?.scope == .prod, "the manifest's other fields are read")
        #expect(ledger.notes == [])
    }

    @Test func unreadableManifestsAreNotedInPathOrder() throws {
        // Forty projects whose package.json is not JSON: the notes come in path order, whatever
        // order the captured files' dictionary holds them in.
        var spec = TestImage()
        var paths: [String] = []
        for index in 0..<40 {
            let path = "/srv/project-\(String(index * 37 % 40, radix: 16))/package.json"
            spec.text(path, "{ not json \(index)", .other)
            paths.append(path)
        }
        spec.text("/app/node_modules/bad/package.json", "[1, 2]", .nodeModules)
        let (ledger, _) = try accountAndCheck(spec)
        let rootNotes = ledger.notes.filter { $0.hasSuffix("its dependencies are not followed") }
        #expect(rootNotes.map { String($0.prefix { $0 != " " }) } == paths.sorted())
        #expect(rootNotes.allSatisfy { $0.contains("is unreadable (not valid JSON: line 1, column 3: expected a key in quotes)") })
        #expect(ledger.notes.contains { $0.hasPrefix("/app/node_modules/bad/package.json is unreadable (not the expected shape: ") })
        #expect(ledger.package(.npm, "bad")?.fileCount == 1, "named by its path")
    }

    @Test func hiddenLockfileEntriesAreReadOneByOne() throws {
        var spec = NpmLayoutTests.spec()
        spec.text("/app/node_modules/.package-lock.json", #"""
            {"name": "svc", "lockfileVersion": 3, "packages": {
              "": {"name": "svc"},
              "node_modules/jest": {"version": "29.7.0", "dev": true},
              "node_modules/chalk": {"version": "5.3.0", "dev": "yes"},
              "node_modules/express": "not an entry",
              "node_modules/ms": {"version": "2.1.3", "dev": false}}}
            """#, .nodeModules)
        let (ledger, _) = try accountAndCheck(spec)
        let install = try #require(ledger.nodeInstalls.first)
        #expect(install.lockfile == "/app/node_modules/.package-lock.json")
        #expect(install.lockfileDevPackages == 1)
        #expect(install.disagreements == ["node_modules/chalk"], "a dev flag that is not a boolean is absent: prod")
    }

    @Test func unreadableRecordsOfNodeInstallsAreNotes() throws {
        var spec = PnpmLayoutTests.spec(modulesYaml: "included: [unclosed\n")
        spec.text("/app/node_modules/.package-lock.json", "{}", .nodeModules)
        let (ledger, _) = try accountAndCheck(spec)
        #expect(ledger.notes.contains { $0.hasPrefix("/app/node_modules/.modules.yaml is unreadable (not valid YAML: ") })
        #expect(ledger.notes.contains { $0.hasPrefix("/app/node_modules/.package-lock.json is unreadable (not the expected shape: ") })
        #expect(ledger.nodeInstalls.first?.manager == .pnpm)
        #expect(ledger.nodeInstalls.first?.devDependenciesInstalled == nil)
    }
}
