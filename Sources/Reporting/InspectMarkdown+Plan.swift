import SizeAccounting
import SizeGate

extension InspectMarkdown {
    /// "### Savings plan": the sentence, the step table and the next steps, numbered as the table.
    func savingsPlan(_ report: ImageReport) -> String {
        guard let plan = report.plan else { return "" }
        return "\n### Savings plan\n\n" + PlanPresentation(bytes: bytes).markdown(plan, name: report.image.name, outlook: report.planOutlook)
    }
}

extension PlanPresentation {
    /// The plan as Markdown (inspect's and check's): the sentence, the table, the next steps.
    func markdown(_ plan: SavingsPlan, name: String, outlook: PlanOutlook?) -> String {
        var out = headline(name: name, plan: plan, outlook: outlook) + "\n\n"
        guard !plan.steps.isEmpty else { return out }
        out += table(plan).markdown() + "\n"
        for (index, step) in plan.steps.enumerated() where !step.nextSteps.isEmpty {
            out += "\(index + 1). `\(step.id)`: " + step.nextSteps.joined(separator: "  \n   ") + "\n"
        }
        return out
    }
}
