import Foundation
import PlimsollTestSupport
import StableJSON
import Testing

/// The same input inspected by two processes gives byte-identical JSON, Markdown and HTML. Each
/// process hashes with its own random seed, so any Dictionary or Set order that reached the
/// output would show here (a second run in one process shares the seed and cannot catch it).
@Suite struct InspectDeterminismTests {
    /// Many of everything the accountant keeps in dictionaries: unreadable project manifests,
    /// node packages, Python distributions, a pnpm lockfile.
    static func fixture() -> AccountingFixture {
        var builder = AccountingFixtureBuilder(config: ConfigSpec(workdir: "/app"))
        builder.layer("COPY . .") { layer in
            for index in 0..<30 { layer.text("srv/project-\(index)/package.json", "{ broken \(index)", "other") }
            layer.text("app/package.json", #"{"name": "app", "dependencies": {"a0": "*", "a1": "*"}, "devDependencies": {"d0": "*"}}"#, "app")
            for index in 0..<12 {
                let name = index < 8 ? "a\(index)" : "d\(index - 8)"
                let dependencies = index < 7 ? #"{"a\#(index + 1)": "*"}"# : "{}"
                layer.text("app/node_modules/\(name)/package.json", #"{"name": "\#(name)", "version": "1.0.\#(index)", "dependencies": \#(dependencies)}"#,
                           index < 8 ? "node-modules" : index == 8 ? "dev-dependencies" : "node-modules")
                layer.file("app/node_modules/\(name)/index.js", Int64(1_000 + index), index < 8 ? "node-modules" : index == 8 ? "dev-dependencies" : "node-modules")
            }
            for index in 0..<10 {
                let info = "usr/lib/python3/site-packages/pkg\(index)-1.0.dist-info"
                layer.text(info + "/METADATA", "Name: pkg\(index)\nVersion: 1.0\n", "other")
                layer.text(info + "/RECORD", "pkg\(index)/__init__.py,,\n", "other")
                layer.file("usr/lib/python3/site-packages/pkg\(index)/__init__.py", Int64(500 + index), "other")
            }
        }
        return builder.fixture
    }

    @Test func twoProcessesWriteTheSameReports() throws {
        let directory = try InspectAccountingTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tarball = directory + "/many.tar"
        _ = try ImageFixtureBuilder.write([Self.fixture().image], options: ArchiveOptions(layout: .docker25), to: tarball)
        for format in ["json", "markdown", "html", "table"] {
            let first = try InspectAccountingTests.run(["inspect", tarball, "--format", format])
            let second = try InspectAccountingTests.run(["inspect", tarball, "--format", format])
            #expect(first.status == 0, "\(format): \(first.stderr)")
            #expect(first.stdout == second.stdout, "\(format)")
            #expect(first.stderr == second.stderr, "\(format)")
        }
        let document = try JSONParser.parse(try InspectAccountingTests.run(["inspect", tarball, "--format", "json"]).stdout)
        let image = try #require(document["images"]?.arrayValue?.first)
        let notes = (image["notes"]?.arrayValue ?? []).compactMap { $0.stringValue }
        let projects = notes.filter { $0.hasPrefix("/srv/") }.map { String($0.prefix { $0 != " " }) }
        #expect(projects == (0..<30).map { "/srv/project-\($0)/package.json" }.sorted())
    }
}
