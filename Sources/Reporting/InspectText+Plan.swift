import SizeAccounting

extension InspectText {
    /// "Savings plan": the sentence, the steps with their sizes, then each step's next steps.
    func savingsPlan(_ report: ImageReport) -> String {
        guard let plan = report.plan else { return "" }
        let presentation = PlanPresentation(bytes: bytes)
        var out = "\nSavings plan\n  " + presentation.headline(name: report.image.name, plan: plan, outlook: report.planOutlook) + "\n"
        guard !plan.steps.isEmpty else { return out }
        var table = presentation.table(plan)
        table.headers = table.headers.map { $0.uppercased() }
        out += table.render(indent: "  ")
        for (index, step) in plan.steps.enumerated() {
            for (line, next) in step.nextSteps.enumerated() {
                out += line == 0 ? "  \(index + 1). \(step.id): \(next)\n" : "     also: \(next)\n"
            }
        }
        return out
    }
}
