import Charts
import ImageModel
import SizeAccounting

/// The HTML report of one image: one self-contained page (inline CSS and SVG, no script, no
/// fonts or images fetched) with the facts, a bar of where the bytes are, a treemap, the
/// findings, the layer table with history steps and the largest files.
public struct ImageHTML: Sendable {
    public var bytes: ByteFormatter

    public init(bytes: ByteFormatter = ByteFormatter()) {
        self.bytes = bytes
    }

    /// The page for `report`, with what the reader knows.
    public func render(_ report: ImageReport) -> String {
        render(ImageHTMLModel(report: report))
    }

    /// The page for `model`: sections whose data is nil are left out or fall back.
    public func render(_ model: ImageHTMLModel) -> String {
        let image = model.report.image
        var page = HTMLBuilder()
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        page.raw("<title>\(HTMLBuilder.escape(image.name)) · plimsoll</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n<main>\n")
        header(model, into: &page)
        sizeBar(model, into: &page)
        page.raw("<section>\n<h2>Treemap</h2>\n")
        page.raw("<p class=\"hint\">\(model.fileCategory == nil ? "Layers, then directories" : "Layers, then categories, then directories")"
            + (model.packages == nil ? "" : " and packages") + ", sized by bytes. Hover a block for its exact size."
            + " Hatched blocks are bytes that later layers overwrote or deleted."
            + (model.packages == nil ? "" : " Orange packages are dev-only.") + "</p>\n")
        page.raw(TreemapSVG(bytes: bytes).render(TreemapNode.build(model)))
        page.raw("</section>\n")
        findings(model, into: &page)
        savingsPlan(model, into: &page)
        layers(image, into: &page)
        packages(model, into: &page)
        duplicateFiles(model, into: &page)
        largest(model.report, into: &page)
        if !image.notes.isEmpty {
            page.raw("<section>\n<h2>Notes</h2>\n<ul>\n")
            for note in image.notes { page.raw("<li>\(HTMLBuilder.escape(note))</li>\n") }
            page.raw("</ul>\n</section>\n")
        }
        page.raw("<footer>plimsoll · sizes in \(bytes.units == .decimal ? "decimal units (1 MB = 1,000,000 bytes)" : "binary units (1 MiB = 1,048,576 bytes)")"
            + " · content = what <code>docker images</code> showed as SIZE</footer>\n")
        page.raw("</main>\n</body>\n</html>\n")
        return page.text
    }

    private func header(_ model: ImageHTMLModel, into page: inout HTMLBuilder) {
        let image = model.report.image
        page.raw("<header>\n<h1>\(HTMLBuilder.escape(image.name))</h1>\n<p class=\"meta\">")
        var meta: [String] = []
        if image.tags.count > 1 { meta.append("tags " + image.tags.map { "<code>\(HTMLBuilder.escape($0))</code>" }.joined(separator: " ")) }
        if let platform = image.platform { meta.append(HTMLBuilder.escape(platform.description)) }
        if let digest = image.configDigest { meta.append("image <code>\(HTMLBuilder.escape(ImageDigest.display(digest)))</code>") }
        meta.append("user <code>\(HTMLBuilder.escape(image.config.user.isEmpty ? "root (not set)" : image.config.user))</code>")
        meta.append(image.config.healthcheck ? "healthcheck set" : "no healthcheck")
        page.raw(meta.joined(separator: " · ") + "</p>\n</header>\n<section class=\"facts\">\n")
        var facts: [(String, Int64?, String)] = [
            ("content", image.contentBytes, "what <code>docker images</code> shows"),
            ("final", image.finalBytes, "visible after the layers merge"),
            ("wasted", image.wastedBytes, "overwritten or deleted later"),
            ("compressed", image.compressedBytes, image.compressedBytesSource.rawValue),
        ]
        if image.compressedBytes == nil { facts[3].2 = "unknown: layers stored uncompressed" }
        for (label, value, note) in facts {
            page.raw("<div class=\"fact\"><div class=\"label\">\(label)</div><div class=\"value\""
                + (value.map { " title=\"\(groupedInteger($0)) bytes\"" } ?? "") + ">\(value.map(bytes.string) ?? "–")</div>"
                + "<div class=\"note\">\(note)</div></div>\n")
        }
        page.raw("<div class=\"fact\"><div class=\"label\">layers · files</div><div class=\"value\">\(image.layers.count) · "
            + "\(groupedInteger(Int64(image.fileCount)))</div><div class=\"note\">regular files in the final filesystem</div></div>\n")
        page.raw("</section>\n")
    }

    /// The category bar; until categories are known, the same bar by layer.
    private func sizeBar(_ model: ImageHTMLModel, into page: inout HTMLBuilder) {
        let image = model.report.image
        let segments: [(name: String, bytes: Int64, color: String)]
        let title: String
        if let categories = model.categories {
            title = "Where the bytes are, by category"
            segments = categories.enumerated().map { position, total in
                (total.category.rawValue, total.bytes, CategoryPalette.color(total.category.rawValue, position: position))
            }
        } else {
            title = "Where the bytes are, by layer"
            var parts = image.layers.map {
                (name: "layer \($0.index)", bytes: $0.contentBytes - $0.wastedBytes,
                    color: TreemapSVG.lighten(TreemapSVG.layerColors[$0.index % TreemapSVG.layerColors.count], by: 0.2))
            }
            parts.append((name: "wasted", bytes: image.wastedBytes, color: "#d4a72c"))
            segments = parts
        }
        let total = max(segments.reduce(0) { $0 + $1.bytes }, 1)
        page.raw("<section>\n<h2>\(title)</h2>\n<div class=\"bar\">")
        for segment in segments where segment.bytes > 0 {
            let share = Double(segment.bytes) / Double(total) * 100
            page.raw("<span style=\"width:\(ByteFormatter.fixed(share, decimals: 3))%;background:\(segment.color)\" title=\"\(HTMLBuilder.escape(segment.name)): "
                + "\(bytes.string(segment.bytes)) (\(groupedInteger(segment.bytes)) bytes, \(ByteFormatter.fixed(share, decimals: 1))%)\">"
                + (share >= 8 ? HTMLBuilder.escape(segment.name) : "") + "</span>")
        }
        page.raw("</div>\n<ul class=\"legend\">\n")
        for segment in segments where segment.bytes > 0 || model.categories != nil {
            let share = ByteFormatter.fixed(Double(segment.bytes) / Double(total) * 100, decimals: 1)
            page.raw("<li><i style=\"background:\(segment.color)\"></i>\(HTMLBuilder.escape(segment.name)) "
                + "<b title=\"\(groupedInteger(segment.bytes)) bytes\">\(bytes.string(segment.bytes))</b> <span>\(share)%</span></li>\n")
        }
        page.raw("</ul>\n</section>\n")
    }

    private func findings(_ model: ImageHTMLModel, into page: inout HTMLBuilder) {
        guard let findings = model.findings else { return }
        page.raw("<section>\n<h2>Findings</h2>\n")
        if findings.isEmpty {
            page.raw("<p>Nothing to act on.</p>\n</section>\n")
            return
        }
        page.raw("<table>\n<thead><tr><th>severity</th><th class=\"num\">at stake</th><th>finding</th><th>next step</th></tr></thead>\n<tbody>\n")
        for finding in findings {
            page.raw("<tr><td><span class=\"badge \(HTMLBuilder.escape(finding.severity.rawValue))\">\(HTMLBuilder.escape(finding.severity.rawValue))</span></td>"
                + "<td class=\"num\" title=\"\(groupedInteger(finding.bytes)) bytes\">\(finding.bytes > 0 ? bytes.string(finding.bytes) : "")</td>"
                + "<td>\(HTMLBuilder.codeSpans(finding.message))</td><td>\(HTMLBuilder.codeSpans(finding.suggestion))</td></tr>\n")
        }
        page.raw("</tbody>\n</table>\n</section>\n")
    }

    private func layers(_ image: LoadedImage, into page: inout HTMLBuilder) {
        page.raw("<section>\n<h2>Layers</h2>\n<table>\n<thead><tr><th class=\"num\">#</th><th class=\"num\">size</th><th></th>"
            + "<th class=\"num\">files</th><th class=\"num\">wasted</th><th class=\"num\">compressed</th><th>created by</th></tr></thead>\n<tbody>\n")
        let largest = max(image.layers.map(\.contentBytes).max() ?? 1, 1)
        for layer in image.layers {
            let width = ByteFormatter.fixed(Double(layer.contentBytes) / Double(largest) * 100, decimals: 1)
            let step = HistoryStep.short(layer.createdBy)
            page.raw("<tr><td class=\"num\">\(layer.index)</td>"
                + "<td class=\"num\" title=\"\(groupedInteger(layer.contentBytes)) bytes\">\(bytes.string(layer.contentBytes))</td>"
                + "<td class=\"meter\"><span style=\"width:\(width)%\"></span></td>"
                + "<td class=\"num\">\(groupedInteger(Int64(layer.fileCount)))</td>"
                + "<td class=\"num\" title=\"\(groupedInteger(layer.wastedBytes)) bytes\">\(layer.wastedBytes > 0 ? bytes.string(layer.wastedBytes) : "–")</td>"
                + "<td class=\"num\">\(layer.compressedBytes.map(bytes.string) ?? "–")</td>"
                + "<td class=\"step\"><code>\(HTMLBuilder.escape(step.truncated(to: 300)))</code></td></tr>\n")
        }
        page.raw("</tbody>\n</table>\n</section>\n")
    }

    private func packages(_ model: ImageHTMLModel, into page: inout HTMLBuilder) {
        guard let packages = model.packages, !packages.isEmpty else { return }
        page.raw("<section>\n<h2>Largest packages</h2>\n<table>\n<thead><tr><th class=\"num\">size</th><th>package</th><th>ecosystem</th>"
            + "<th>scope</th><th>where</th></tr></thead>\n<tbody>\n")
        for package in packages.prefix(25) {
            let size = "<td class=\"num\" title=\"\(groupedInteger(package.sizeBytes)) bytes\">\(bytes.string(package.sizeBytes))</td>"
            let name = "<td><code>\(HTMLBuilder.escape(package.displayName))</code></td>"
            let ecosystem = "<td>\(HTMLBuilder.escape(package.ecosystem.rawValue))</td>"
            page.raw("<tr>" + size + name + ecosystem + "<td>\(HTMLBuilder.escape(package.scope?.rawValue ?? ""))</td>"
                + "<td class=\"step\"><code>\(HTMLBuilder.escape(package.paths.first ?? ""))</code>"
                + (package.paths.count > 1 ? " +\(package.paths.count - 1)" : "") + "</td></tr>\n")
        }
        page.raw("</tbody>\n</table>\n</section>\n")
    }

    private func duplicateFiles(_ model: ImageHTMLModel, into page: inout HTMLBuilder) {
        guard let groups = model.duplicateFiles, !groups.isEmpty else { return }
        page.raw("<section>\n<h2>Duplicate files</h2>\n<table>\n<thead><tr><th class=\"num\">extra</th><th class=\"num\">size</th>"
            + "<th class=\"num\">copies</th><th>paths (kept first)</th><th>extra copies in</th></tr></thead>\n<tbody>\n")
        for group in groups {
            page.raw("<tr><td class=\"num\" title=\"\(groupedInteger(group.extraBytes)) bytes\">\(bytes.string(group.extraBytes))</td>"
                + "<td class=\"num\" title=\"\(groupedInteger(group.sizeBytes)) bytes\">\(bytes.string(group.sizeBytes))</td>"
                + "<td class=\"num\">\(group.paths.count)</td><td class=\"step\" title=\"\(HTMLBuilder.escape(group.digest))\">"
                + group.paths.map { "<code>\(HTMLBuilder.escape($0))</code>" }.joined(separator: "<br/>")
                + "</td><td>\(HTMLBuilder.escape(LedgerPresentation.extraCategories(group)))</td></tr>\n")
        }
        page.raw("</tbody>\n</table>\n</section>\n")
    }

    private func largest(_ report: ImageReport, into page: inout HTMLBuilder) {
        let summary = report.summary
        if !summary.largestDirectories.isEmpty {
            page.raw("<section class=\"pair\">\n<div>\n<h2>Largest directories</h2>\n<table>\n<tbody>\n")
            for item in summary.largestDirectories.prefix(ImageReport.documentTop) {
                page.raw("<tr><td class=\"num\" title=\"\(groupedInteger(item.sizeBytes)) bytes\">\(bytes.string(item.sizeBytes))</td>"
                    + "<td class=\"step\"><code>\(HTMLBuilder.escape(item.path))/</code></td></tr>\n")
            }
            page.raw("</tbody>\n</table>\n</div>\n<div>\n<h2>Largest files</h2>\n<table>\n<tbody>\n")
            for item in summary.largestFiles.prefix(ImageReport.documentTop) {
                page.raw("<tr><td class=\"num\" title=\"\(groupedInteger(item.sizeBytes)) bytes\">\(bytes.string(item.sizeBytes))</td>"
                    + "<td class=\"step\"><code>\(HTMLBuilder.escape(item.path))</code></td></tr>\n")
            }
            page.raw("</tbody>\n</table>\n</div>\n</section>\n")
        }
        let wasted = report.image.largestWasted
        if !wasted.isEmpty {
            page.raw("<section>\n<h2>Largest wasted copies</h2>\n<table>\n<thead><tr><th class=\"num\">size</th><th>path</th>"
                + "<th class=\"num\">layer</th><th>why</th></tr></thead>\n<tbody>\n")
            for file in wasted.prefix(15) {
                page.raw("<tr><td class=\"num\" title=\"\(groupedInteger(file.sizeBytes)) bytes\">\(bytes.string(file.sizeBytes))</td>"
                    + "<td class=\"step\"><code>\(HTMLBuilder.escape(file.path))</code></td><td class=\"num\">\(file.layer)</td>"
                    + "<td>\(file.reason.rawValue) by layer \(file.supersededBy)</td></tr>\n")
            }
            page.raw("</tbody>\n</table>\n</section>\n")
        }
    }
}

/// Accumulates HTML text.
struct HTMLBuilder {
    var text = ""

    mutating func raw(_ markup: String) { text += markup }

    static func escape(_ text: String) -> String { SVGWriter.escape(text) }

    /// Escaped text with each `code` span (the Markdown backticks findings use) as <code>; an
    /// unpaired backtick stays a backtick.
    static func codeSpans(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return escape(text) }
        var out = ""
        for (index, part) in parts.enumerated() {
            let inside = index % 2 == 1
            if inside && index == parts.count - 1 {
                out += "`" + escape(String(part))
            } else {
                out += inside ? "<code>\(escape(String(part)))</code>" : escape(String(part))
            }
        }
        return out
    }
}
