import StableJSON

extension InspectJSON {
    /// `savingsPlan` (README, "JSON report"), with the target comparison when the report has one;
    /// absent when the image was not accounted or only its manifest was read.
    static func planMembers(_ report: ImageReport) -> [JSONMember] {
        guard let plan = report.plan else { return [] }
        return [JSONMember("savingsPlan", report.planOutlook.map(SavingsPlanJSON.object) ?? SavingsPlanJSON.object(plan))]
    }
}
