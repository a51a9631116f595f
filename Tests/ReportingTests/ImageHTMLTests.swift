import Foundation
import ImageModel
import Reporting
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct ImageHTMLTests {
    static let megabyte: Int64 = 1_000_000

    /// Two layers: an OS layer (51 MB + 1,000 B visible, 3 MB deleted later) and an app layer.
    static func image() -> LoadedImage {
        let files = [
            FinalFile(path: "/app/dist/main.js", kind: .regular, sizeBytes: 5 * megabyte, layer: 1),
            FinalFile(path: "/app/node_modules/left-pad/index.js", kind: .regular, sizeBytes: 20 * megabyte, layer: 1),
            FinalFile(path: "/app/node_modules/left-pad/package.json", kind: .regular, sizeBytes: 1_000, layer: 1),
            FinalFile(path: "/etc/passwd", kind: .regular, sizeBytes: 1_000, layer: 0),
            FinalFile(path: "/usr/bin/bash", kind: .regular, sizeBytes: 1 * megabyte, layer: 0),
            FinalFile(path: "/usr/bin/sh", kind: .symlink, sizeBytes: 0, layer: 0, linkTarget: "bash"),
            FinalFile(path: "/usr/lib/libfoo.so", kind: .regular, sizeBytes: 50 * megabyte, layer: 0),
        ]
        let layers = [
            ImageLayer(
                index: 0, diffID: "sha256:aa", blobDigest: nil, blobPath: "a/layer.tar", createdBy: "/bin/sh -c apt-get install -y foo",
                mediaType: "application/vnd.docker.image.rootfs.diff.tar", compression: .none, tarBytes: 60 * megabyte,
                contentBytes: 54 * megabyte + 1_000, compressedBytes: nil, compressedBytesSource: .unknown,
                entryCount: 6, fileCount: 4, wastedBytes: 3 * megabyte),
            ImageLayer(
                index: 1, diffID: "sha256:bb", blobDigest: nil, blobPath: "b/layer.tar", createdBy: "/bin/sh -c pnpm install && rm -rf /tmp/x <y>",
                mediaType: "application/vnd.docker.image.rootfs.diff.tar", compression: .none, tarBytes: 26 * megabyte,
                contentBytes: 25 * megabyte + 1_000, compressedBytes: nil, compressedBytesSource: .unknown,
                entryCount: 3, fileCount: 3, wastedBytes: 0),
        ]
        return LoadedImage(
            name: "finance:1.0", tags: ["finance:1.0"], configDigest: "sha256:0123456789abcdef", manifestDigest: nil,
            platform: .linuxAMD64, config: ImageConfigFacts(user: "1001", workdir: "/app"), layers: layers, files: files,
            captured: [:], wasteCauses: [WasteCause(layer: 0, supersededBy: 1, bytes: 3 * megabyte, files: 1)],
            largestWasted: [WastedFile(path: "/tmp/x", sizeBytes: 3 * megabyte, layer: 0, supersededBy: 1, reason: .deleted)],
            notes: ["layer 1: example note & more"])
    }

    @Test func pageIsWellFormedAndSelfContained() throws {
        let report = ImageReport(input: "finance.tar", image: Self.image(), top: 5)
        let html = ImageHTML().render(report)
        try XMLWellFormed.check(html)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        // The only URL is the SVG namespace; the only url() is the in-page hatch pattern.
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "http") == nil)
        #expect(html.replacingOccurrences(of: "url(#wasted-hatch)", with: "").range(of: "url(") == nil)
        // Exact bytes on hover, computed from the spec above: layer 0 shows 51,001,000 visible bytes
        // plus 3,000,000 wasted = 54,001,000.
        #expect(html.contains("<title>layer 0: RUN apt-get install -y foo\n54 MB (54,001,000 bytes, 68.4% of the image)</title>"))
        #expect(html.contains("<title>/usr/lib/libfoo.so\n50 MB (50,000,000 bytes, 63.3% of the image)</title>"))
        #expect(html.contains("layer 0: copies overwritten or deleted by later layers\n3 MB (3,000,000 bytes, 3.8% of the image)"))
        // The history step is escaped in the layer table.
        #expect(html.contains("<code>RUN pnpm install &amp;&amp; rm -rf /tmp/x &lt;y&gt;</code>"))
        #expect(html.contains("Where the bytes are, by layer"))
        #expect(!html.contains("<h2>Findings</h2>"))
        #expect(html.contains("example note &amp; more"))
        #expect(ImageHTML().render(report) == html)
    }

    static let categories: [ImageHTMLModel.Category] = [
        .init(category: .nodeModules, bytes: 20 * megabyte + 1_000, fileCount: 1), .init(category: .app, bytes: 5 * megabyte, fileCount: 1),
        .init(category: .other, bytes: 51 * megabyte + 1_000, fileCount: 2), .init(category: .wasted, bytes: 3 * megabyte, fileCount: 1),
    ]
    static let leftPad = ImageHTMLModel.Package(
        ecosystem: .npm, name: "left-pad", version: "1.3.0", sizeBytes: 20 * megabyte + 1_000, fileCount: 1, scope: .dev,
        paths: ["/app/node_modules/left-pad"])

    @Test func accountantDataAddsCategoriesPackagesAndFindings() throws {
        let report = ImageReport(input: "finance.tar", image: Self.image(), top: 5)
        let model = ImageHTMLModel(
            report: report,
            categories: Self.categories,
            packages: [Self.leftPad],
            findings: [.init(id: "dev-dependencies-shipped", severity: .warning, bytes: 20 * Self.megabyte + 1_000,
                message: "1 dev package shipped", suggestion: "pnpm install --prod")],
            fileCategory: { file in
                file.path.hasPrefix("/app/node_modules/") ? "node-modules" : file.path.hasPrefix("/app/") ? "app" : "other"
            })
        let html = ImageHTML().render(model)
        try XMLWellFormed.check(html)
        #expect(html.contains("Where the bytes are, by category"))
        #expect(html.contains("<h2>Findings</h2>"))
        #expect(html.contains("pnpm install --prod"))
        #expect(html.contains("<code>left-pad@1.3.0</code>"))
        // The package is one block of the treemap, inside its category inside layer 1.
        #expect(html.contains("<title>package left-pad@1.3.0 (dev) at /app/node_modules/left-pad\n20 MB (20,001,000 bytes,"))
        #expect(html.contains("<title>node-modules in layer 1\n20 MB (20,001,000 bytes,"))
    }
}

/// Fails unless `text` parses as XML (the HTML report is written as well-formed XHTML-style markup).
enum XMLWellFormed {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func check(_ text: String) throws {
        let parser = XMLParser(data: Data(text.utf8))
        guard parser.parse() else {
            throw Malformed(description: "line \(parser.lineNumber), column \(parser.columnNumber): \(String(describing: parser.parserError))")
        }
    }
}
