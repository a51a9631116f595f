import ImageModel
import PlimsollTestSupport
import SizeAccounting
import Testing

/// The realistic NestJS service: every category holds exactly the bytes the spec declares.
@Suite struct NestServiceTests {
    static func ledger() throws -> (SizeLedger, LoadedImage, AccountingFixture) {
        let fixture = NestServiceFixture.make()
        let accountant = try SizeAccountant.standard()
        let image = try FixtureImage.loaded(fixture, capture: accountant.captureRequirements)
        return (accountant.account(image), image, fixture)
    }

    @Test func everyCategoryHoldsTheDeclaredBytes() throws {
        let (ledger, image, fixture) = try Self.ledger()
        #expect(LedgerInvariants.violations(ledger, of: image) == [])
        let expected = try FixtureImage.expectedCategories(fixture)
        for (actual, wanted) in zip(ledger.categories, expected) {
            #expect(actual == wanted, "\(wanted.category.rawValue)")
        }
        // Every category is exercised by this fixture.
        #expect(expected.allSatisfy { $0.bytes > 0 })
    }

    @Test func packagesAndScopes() throws {
        let (ledger, _, _) = try Self.ledger()
        let tfjsNode = try #require(ledger.package(.npm, "@tensorflow/tfjs-node"))
        #expect(tfjsNode.scope == .prod)
        #expect(tfjsNode.paths == ["/app/node_modules/.pnpm/@tensorflow+tfjs-node@4.17.0/node_modules/@tensorflow/tfjs-node"])
        #expect(ledger.packages.first?.name == "@tensorflow/tfjs-node", "the largest package")
        #expect(ledger.package(.npm, "node-fetch")?.scope == .prod, "a dependency of an ML package is prod")
        #expect(ledger.package(.npm, "debug", "2.6.9")?.scope == .prod)
        #expect(ledger.package(.npm, "debug", "4.3.4")?.scope == .dev)
        #expect(ledger.package(.npm, "typescript")?.scope == .dev)
        #expect(ledger.package(.npm, "tslib")?.scope == .prod, "reached from prod and from webpack (dev)")
        #expect(ledger.package(.npm, "npm")?.scope == .prod, "a global install")
        #expect(ledger.package(.npm, "semver")?.scope == .prod, "npm's own dependency")
        #expect(ledger.package(.npm, "corepack")?.scope == .prod)
        #expect(ledger.package(.deb, "bash")?.version == "5.2.15-2+b2")
        let bash = try #require(ledger.package(.deb, "bash"))
        #expect(bash.sizeBytes == Int64(12_000 + 180), "/bin/bash resolved through the /bin -> usr/bin link")
        let libc = try #require(ledger.package(.deb, "libc6"))
        #expect(libc.sizeBytes == Int64(19_000 + 250))
        #expect(ledger.package(.deb, "libgone1") == nil, "config-files only: not installed")
        #expect(ledger.duplicates.map(\.name).sorted() == ["debug", "ms"])
    }

    @Test func mlBreakdownAndFindings() throws {
        let (ledger, _, _) = try Self.ledger()
        let tensorflow = try #require(ledger.rules.first { $0.name == "TensorFlow" })
        let tfjsNode = try #require(ledger.package(.npm, "@tensorflow/tfjs-node"))
        let tfjs = try #require(ledger.package(.npm, "@tensorflow/tfjs"))
        #expect(tensorflow.bytes == tfjsNode.sizeBytes + tfjs.sizeBytes)
        let models = try #require(ledger.rules.first { $0.name == "model files" })
        #expect(models.bytes == 800_000)
        let ids = Set(ledger.findings.map(\.id))
        for id in ["dev-dependencies-shipped", "ml-libraries-in-image", "caches-and-leftovers", "node-modules-extras",
                   "duplicate-packages", "wasted-bytes", "runs-as-root", "no-healthcheck"] {
            #expect(ids.contains(id), "finding \(id)")
        }
        let store = try #require(ledger.findings("caches-and-leftovers").first { $0.message.hasPrefix("pnpm store") })
        #expect(store.bytes == 2_500 + 40_000 + 460_000)
        let install = try #require(ledger.nodeInstalls.first { $0.path == "/app/node_modules" })
        #expect(install.devDependenciesStatement == "pnpm installed devDependencies: yes")
        #expect(ledger.findings("dev-dependencies-shipped").first?.suggestion.contains("pnpm --filter orders deploy --prod") == true)
        // Findings come in report order.
        #expect(ledger.findings == ledger.findings.sorted(by: Finding.reportOrder))
    }
}
