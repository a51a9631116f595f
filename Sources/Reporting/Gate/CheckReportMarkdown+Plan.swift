extension CheckReportMarkdown {
    /// "#### Savings plan": the fixes that would shrink the image and whether they reach the
    /// baseline's target; nothing when no accountant ran.
    func savingsPlan(_ report: GateReport, hashes: String) -> String {
        guard let plan = report.plan, report.evaluation.measurement.contentMeasured else { return "" }
        return "\n\(hashes)# Savings plan\n\n" + PlanPresentation(bytes: bytes).markdown(plan, name: report.name, outlook: report.planOutlook)
    }
}
