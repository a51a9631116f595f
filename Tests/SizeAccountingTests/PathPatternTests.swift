import Testing

@testable import SizeAccounting

/// The one pattern language of rules files and `ignorePaths`, matched directly and through the
/// accountant's compiled tables: both must agree on every path.
@Suite struct PathPatternTests {
    func pattern(_ text: String) throws -> PathPattern { try PathPattern(parsing: text) }

    @Test func aPathWithoutSlashCoversTheFileOrTheDirectory() throws {
        let npm = try pattern("/root/.npm")
        #expect(npm.matches("/root/.npm/_cacache/index"))
        #expect(npm.matches("/root/.npm"))
        #expect(!npm.matches("/root/.npmrc"))
        let tmp = try pattern("/tmp/")
        #expect(tmp.matches("/tmp/a/b"))
        #expect(!tmp.matches("/tmp"), "a trailing slash names the directory: only what is below it")
        #expect(!tmp.matches("/tmpfile"))
    }

    @Test func globsStarsQuestionMarksAndAnyDepth() throws {
        let maps = try pattern("/app/**/*.map")
        #expect(maps.matches("/app/dist/main.js.map"))
        #expect(maps.matches("/app/main.js.map"), "'**' matches no segment too")
        #expect(!maps.matches("/srv/main.js.map"))
        let single = try pattern("/usr/lib/libtensorflow?.so")
        #expect(single.matches("/usr/lib/libtensorflow2.so"))
        #expect(single.matches("/usr/lib/libtensorflowé.so"), "'?' is one character, not one byte")
        #expect(!single.matches("/usr/lib/libtensorflow22.so"))
        let git = try pattern("**/.git/")
        #expect(git.matches("/app/vendor/x/.git/objects/pack"))
        #expect(!git.matches("/app/.gitignore"))
        let onnx = try pattern("**/*.onnx")
        #expect(onnx.matches("/models/a/b.onnx"))
    }

    @Test func anchorsExpandForTheImage() throws {
        let coverage = try pattern("{workdir}/coverage/")
        #expect(coverage.matches("/srv/app/coverage/lcov.info", workdir: "/srv/app"))
        #expect(!coverage.matches("/srv/app/coverage/lcov.info", workdir: "/"), "dropped when WORKDIR is /")
        let pip = try pattern("{home}/.cache/pip/")
        #expect(pip.matches("/root/.cache/pip/http/x"))
        #expect(pip.matches("/home/node/.cache/pip/x"))
        #expect(!pip.matches("/srv/.cache/pip/x"))
        let literal = try pattern("{workdir}/x")
        #expect(literal.matches("/a*b/x", workdir: "/a*b"))
        #expect(!literal.matches("/aZZb/x", workdir: "/a*b"), "WORKDIR's characters are literal, not a glob")
    }

    @Test func rejectsRelativeAndMalformed() {
        for text in ["tmp/", "/a//b", "/a/b**", "/", "/a/**", "/a/../b", "/a/{home}/b"] {
            #expect(throws: PathPattern.Invalid.self, "\(text)") { try PathPattern(parsing: text) }
        }
    }

    /// The compiled tables the accountant uses give the same answer as the pattern itself.
    @Test func compiledTablesAgreeWithThePattern() throws {
        let texts = [
            "/root/.npm", "/tmp/", "/app/**/*.map", "/usr/lib/libtensorflow?.so", "**/.git/", "**/*.onnx",
            "**/node_modules/.cache/", "**/docs/*.md", "/etc/ld.so.cache", "/opt/*/bin/",
        ]
        let paths = [
            "/root/.npm", "/root/.npm/_cacache/index", "/root/.npmrc", "/tmp/a/b", "/tmp", "/app/dist/main.js.map",
            "/app/main.js.map", "/srv/main.js.map", "/usr/lib/libtensorflow2.so", "/usr/lib/libtensorflow22.so",
            "/app/vendor/x/.git/objects/pack", "/app/.gitignore", "/models/a/b.onnx", "/models/b.onnx/weights.bin",
            "/app/node_modules/.cache/babel/x.json", "/srv/docs/README.md", "/srv/docs/deep/README.md",
            "/etc/ld.so.cache", "/etc/ld.so.conf", "/opt/tool/bin/run", "/opt/tool/lib/run",
        ]
        for text in texts {
            let compiled = try pattern(text)
            var matcher = PathRuleMatcher()
            matcher.add(compiled, rule: 0)
            for path in paths {
                var components = path.split(separator: "/")
                let name = String(components.removeLast())
                let directory = matcher.match(directory: components)
                var copy = name
                let fileRule = copy.withUTF8 { matcher.matchFile(name: $0, in: directory) }
                let tables = fileRule != nil || !directory.rules.isEmpty
                #expect(tables == compiled.matches(path), "\(text) on \(path)")
            }
        }
    }
}
