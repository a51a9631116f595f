extension ImageHTML {
    /// "Savings plan": the sentence and one row per step, with its next steps.
    func savingsPlan(_ model: ImageHTMLModel, into page: inout HTMLBuilder) {
        let report = model.report
        guard let plan = report.plan else { return }
        let presentation = PlanPresentation(bytes: bytes)
        page.raw("<section>\n<h2>Savings plan</h2>\n<p>"
            + HTMLBuilder.escape(presentation.headline(name: report.image.name, plan: plan, outlook: report.planOutlook)) + "</p>\n")
        guard !plan.steps.isEmpty else {
            page.raw("</section>\n")
            return
        }
        let compressed = plan.compressedBytes != nil
        page.raw("<table>\n<thead><tr><th class=\"num\">#</th><th>fix</th><th class=\"num\">removes</th><th>what</th>"
            + "<th class=\"num\">size after</th>" + (compressed ? "<th class=\"num\">compressed after (estimate)</th>" : "")
            + "<th>next step</th></tr></thead>\n<tbody>\n")
        for (index, step) in plan.steps.enumerated() {
            page.raw("<tr><td class=\"num\">\(index + 1)</td><td>\(HTMLBuilder.escape(step.title)) <code>\(HTMLBuilder.escape(step.id))</code></td>"
                + "<td class=\"num\" title=\"\(groupedInteger(step.removedBytes)) bytes\">\(bytes.string(step.removedBytes))</td>"
                + "<td>\(HTMLBuilder.escape(presentation.removes(step)))</td>"
                + "<td class=\"num\" title=\"\(groupedInteger(step.projectedBytes)) bytes\">\(bytes.string(step.projectedBytes))</td>"
                + (compressed ? "<td class=\"num\">\(step.projectedCompressedBytes.map { "~" + bytes.string($0) } ?? "unknown")</td>" : "")
                + "<td>\(step.nextSteps.map(HTMLBuilder.codeSpans).joined(separator: "<br/>"))</td></tr>\n")
        }
        page.raw("</tbody>\n</table>\n</section>\n")
    }
}
