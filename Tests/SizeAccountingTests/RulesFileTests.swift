import ImageModel
import SizeAccounting
import Testing

/// The rules file: strict parsing, the built-in rules, and user extensions.
@Suite struct RulesFileTests {
    func parse(_ text: String) throws(RulesError) -> AccountingRules {
        try AccountingRules.parse(Array(text.utf8), source: "team-rules.json")
    }

    func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func builtInRulesParse() throws {
        let rules = try AccountingRules.builtIn()
        #expect(Set(rules.rules.map(\.category)) == Set(SizeCategory.ruleCategories))
        #expect(rules.databases.dpkgStatus == ["/var/lib/dpkg/status"])
        #expect(rules.databases.dpkgInfoDirectories == ["/var/lib/dpkg/info/"])
    }

    @Test func unknownKeysNameTheFileAndTheKey() {
        #expect(error(#"{"version": 1, "rulez": []}"#)
                == "team-rules.json: the document: unknown key 'rulez' (expected one of: version, comment, rules, packageDatabases, duplicateFiles)")
        #expect(error(#"{"version": 1, "rules": [{"category": "ml-libraries", "name": "x", "pathz": ["/x"]}]}"#)?
                    .hasPrefix("team-rules.json: rules[0]: unknown key 'pathz'") == true)
        #expect(error(#"{"version": 1, "packageDatabases": {"rpm": ["/var/lib/rpm"]}}"#)?
                    .hasPrefix("team-rules.json: packageDatabases: unknown key 'rpm'") == true)
        #expect(error(#"{"version": 1, "rules": [{"category": "ml-libraries", "name": "x", "packages": {"cargo": ["x"]}}]}"#)?
                    .hasPrefix("team-rules.json: rules[0].packages: unknown key 'cargo'") == true)
    }

    @Test func malformedDocumentsAreErrors() {
        #expect(error("{")?.hasPrefix("team-rules.json: not valid JSON: line 1, column 2") == true)
        #expect(error(#"{"rules": []}"#) == "team-rules.json: missing key 'version' (this build reads version 1)")
        #expect(error(#"{"version": 2}"#) == "team-rules.json: unsupported version 2 (this build reads version 1)")
        #expect(error(#"{"version": 1, "rules": {}}"#) == "team-rules.json: 'rules' must be a list, not an object")
        #expect(error(#"{"version": 1, "rules": [{"category": "app", "name": "x", "paths": ["/x"]}]}"#)
                == "team-rules.json: rules[0].category: 'app' is not a category rules may claim (ml-libraries, os-packages, caches-and-leftovers)")
        #expect(error(#"{"version": 1, "rules": [{"category": "os-packages", "name": "x"}]}"#)
                == "team-rules.json: rules[0] ('x') has neither 'paths' nor 'packages'")
        #expect(error(#"{"version": 1, "rules": [{"category": "os-packages", "name": "x", "packages": {"deb": ["y"]}}]}"#)
                == "team-rules.json: rules[0].packages: package rules apply to ml-libraries only")
        #expect(error(#"{"version": 1, "rules": [{"category": "ml-libraries", "name": "x", "paths": ["models/"]}]}"#)
                == #"team-rules.json: rules[0].paths[0]: 'models/': a pattern starts with '/', '**/', '{workdir}/' or '{home}/', as in "/root/.npm/" or "/app/**/*.map""#)
        #expect(error(#"{"version": 1, "rules": [{"category": "ml-libraries", "name": "x", "paths": ["/a/b**"]}]}"#)
                == #"team-rules.json: rules[0].paths[0]: '/a/b**': '**' must be a whole segment, as in "/app/**/test/""#)
        #expect(error(#"{"version": 1, "rules": [{"category": "ml-libraries", "name": "x", "paths": ["/a/**"]}]}"#)?
                    .contains("a pattern cannot end with '**'") == true)
        #expect(error(#"{"version": 1, "rules": [{"category": "ml-libraries", "name": "x", "paths": [3]}]}"#)
                == "team-rules.json: rules[0].paths[0] must be a string, not a number")
        #expect(error(#"{"version": 1, "packageDatabases": {"dpkgStatus": ["var/lib/dpkg/status"]}}"#)
                == "team-rules.json: packageDatabases.dpkgStatus[0]: 'var/lib/dpkg/status' must be an absolute file path without wildcards")
    }

    /// The messages of the strict reader StableJSON shares with the baseline decoder, in the
    /// rules file's own wording; null is a wrong type in a rules file, not an absent key.
    @Test func strictReaderMessagesInTheRulesWording() {
        #expect(error("[]") == "team-rules.json: the document must be an object, not a list")
        #expect(error(#"{"version": 1, "comment": 7}"#) == "team-rules.json: 'comment' must be a string, not a number")
        #expect(error(#"{"version": 1, "rules": ["x"]}"#) == "team-rules.json: rules[0] must be an object, not a string")
        #expect(error(#"{"version": 1, "rules": null}"#) == "team-rules.json: 'rules' must be a list, not null")
        #expect(error(#"{"version": 1, "packageDatabases": []}"#) == "team-rules.json: packageDatabases must be an object, not a list")
        #expect(error(#"{"version": 1, "rules": [{"name": "x", "paths": ["/x"]}]}"#) == "team-rules.json: rules[0]: missing key 'category'")
        #expect(error(#"{"version": 1, "rules": [{"category": null, "name": "x", "paths": ["/x"]}]}"#)
                == "team-rules.json: rules[0].category must be a string, not null")
        #expect(error(#"{"version": 1, "rules": [{"category": "ml-libraries", "name": "x", "paths": null}]}"#)
                == "team-rules.json: rules[0].paths must be a list of strings, not null")
        #expect(error(#"{"version": 1, "rules": [{"category": "ml-libraries", "name": "x", "paths": ["/x", ""]}]}"#)
                == "team-rules.json: rules[0].paths[1] is empty")
        #expect(error(#"{"version": 1, "rules": [{"category": "ml-libraries", "name": "x", "packages": {"npm": "y"}}]}"#)
                == "team-rules.json: rules[0].packages.npm must be a list of strings, not a string")
        #expect(error(#"{"version": 1, "packageDatabases": {"dpkgInfoDirectories": [1]}}"#)
                == "team-rules.json: packageDatabases.dpkgInfoDirectories[0] must be a string, not a number")
    }

    @Test func userRulesExtendTheBuiltInOnes() throws {
        let user = try parse("""
            {
              "version": 1,
              "comment": "the finance team's model store and an internal cache",
              "rules": [
                { "category": "ml-libraries", "name": "finance models", "paths": ["{workdir}/weights/"],
                  "packages": { "npm": ["@acme/inference-*"] } },
                { "category": "caches-and-leftovers", "name": "report cache", "paths": ["/srv/report-cache/", "**/*.tmp"],
                  "suggestion": "Mount it as a volume." },
                { "category": "os-packages", "name": "vendored runtime", "paths": ["/opt/vendor/"] }
              ]
            }
            """)
        var spec = TestImage()
        spec.json("/app/package.json", TestImage.manifest(name: "svc", version: "1", dependencies: ["@acme/inference-core"]), .app)
        spec.npmPackage("/app/node_modules/@acme/inference-core", name: "@acme/inference-core", version: "1.0.0",
                        files: [("index.js", 1_000)], expect: .mlLibraries)
        spec.file("/app/weights/model.bin", 5_000_000, .mlLibraries)
        spec.file("/app/src/a.tmp", 20, .cachesAndLeftovers)
        spec.file("/srv/report-cache/2024.json", 300, .cachesAndLeftovers)
        spec.file("/opt/vendor/lib.so", 700, .osPackages)
        // The built-in rules still apply.
        spec.file("/app/.git/HEAD", 23, .cachesAndLeftovers)
        let (ledger, _) = try accountAndCheck(spec, rules: user)
        let cache = try #require(ledger.findings("caches-and-leftovers").first { $0.message.hasPrefix("report cache") })
        #expect(cache.suggestion == "Mount it as a volume.")
        let package = try #require(ledger.package(.npm, "@acme/inference-core"))
        let finance = try #require(ledger.rules.first { $0.name == "finance models" })
        #expect(finance.bytes == 5_000_000 + package.sizeBytes, "the weights and the package the rule names")
    }

    @Test func workdirPatternsNeedAWorkdir() throws {
        let user = try parse(#"{"version": 1, "rules": [{"category": "caches-and-leftovers", "name": "w", "paths": ["{workdir}/tmp/"]}]}"#)
        var spec = TestImage()
        spec.workdir = "/"
        spec.file("/tmp/x", 10, .cachesAndLeftovers)  // the built-in /tmp/ rule, not {workdir}/tmp/
        spec.file("/srv/tmp/y", 10, .other)
        try accountAndCheck(spec, rules: user)
    }
}

/// Path patterns and the capture predicate the loader runs on every file.
@Suite struct PatternAndCaptureTests {
    func matches(_ pattern: String, _ path: String, workdir: String = "/app") throws -> Bool {
        let rules = AccountingRules(rules: [AccountingRules.Rule(category: .cachesAndLeftovers, name: "t", paths: [pattern])])
        var spec = TestImage()
        spec.workdir = workdir
        spec.file(path, 1, .other)
        let image = try spec.build(capturing: CaptureRequirements(rules: rules))
        return SizeAccountant(rules: rules).account(image).bytes(.cachesAndLeftovers) == 1
    }

    @Test func patterns() throws {
        #expect(try matches("/var/cache/", "/var/cache/apt/x.deb"))
        #expect(try !matches("/var/cache/", "/var/cached/x"))
        #expect(try !matches("/var/cache/", "/var/cache"))
        #expect(try matches("/etc/ld.so.cache", "/etc/ld.so.cache"))
        // A pattern without a trailing slash also covers a directory of that name (as ignorePaths do).
        #expect(try matches("/etc/ld.so.cache", "/etc/ld.so.cache/x"))
        #expect(try !matches("/etc/ld.so.cache", "/etc/ld.so.cache.d/x"))
        #expect(try matches("/app/**/*.map", "/app/dist/deep/main.js.map"))
        #expect(try matches("**/a/b.bin", "/srv/a/b.bin"))
        #expect(try matches("/home/*/.npm/", "/home/node/.npm/_cacache/x"))
        #expect(try !matches("/home/*/.npm/", "/home/.npm/x"))
        #expect(try matches("{home}/.npm/", "/root/.npm/x"))
        #expect(try matches("{home}/.npm/", "/home/node/.npm/x"))
        #expect(try matches("**/.git/", "/app/.git/HEAD"))
        #expect(try matches("**/.git/", "/.git/HEAD"))
        #expect(try !matches("**/.git/", "/app/.gitignore"))
        #expect(try matches("**/.next/cache/", "/app/apps/web/.next/cache/images/a.webp"))
        #expect(try !matches("**/.next/cache/", "/app/.next/server/page.js"))
        #expect(try matches("**/*.onnx", "/models/a.onnx"))
        #expect(try !matches("**/*.onnx", "/models/a.onnx.txt"))
        #expect(try matches("**/libtorch*.so*", "/x/libtorch_cpu.so"))
        #expect(try matches("**/libtorch*.so*", "/x/libtorch.so.2.1"))
        #expect(try !matches("**/libtorch*.so*", "/x/libtorch.list"))
        #expect(try matches("**/.aider*/", "/app/.aider.tags.cache.v3/x"))
        #expect(try matches("{workdir}/sessions/", "/app/sessions/a.json"))
        #expect(try !matches("{workdir}/sessions/", "/app/src/sessions/a.ts"))
        #expect(try !matches("{workdir}/sessions/", "/sessions/a.json", workdir: "/"))
        #expect(try matches("/usr/local/cuda-*/", "/usr/local/cuda-12.2/lib64/x"))
    }

    @Test func capturePredicate() throws {
        let capture = try SizeAccountant.standard().captureRequirements
        for path in [
            "app/package.json", "/app/package.json", "package.json", "app/node_modules/express/package.json",
            "app/node_modules/@nestjs/core/package.json", "app/node_modules/.pnpm/a@1.0.0/node_modules/a/package.json",
            "app/node_modules/.package-lock.json", "app/node_modules/.modules.yaml", "var/lib/dpkg/status",
            "var/lib/dpkg/info/libc6:amd64.list", "var/lib/dpkg/status.d/libssl3", "var/lib/dpkg/status.d/libssl3.md5sums",
            "lib/apk/db/installed", "usr/lib/apk/db/installed",
            "usr/lib/python3/dist-packages/numpy-1.0.dist-info/RECORD", "usr/lib/python3/site-packages/a-1.dist-info/METADATA",
        ] {
            #expect(capture.matches(path), "\(path)")
        }
        for path in [
            "app/node_modules/express/lib/package.json", "app/node_modules/@nestjs/package.json",
            "app/node_modules/express/node_modules/.package-lock.json.bak", "var/lib/dpkg/info/libc6.md5sums",
            "var/lib/dpkg/status-old", "etc/status", "app/RECORD", "app/x/METADATA", "var/lib/dpkg/info/sub/x.list",
            "app/index.js", "app/node_modules/.modules.yaml/x",
        ] {
            #expect(!capture.matches(path), "\(path)")
        }
    }
}
