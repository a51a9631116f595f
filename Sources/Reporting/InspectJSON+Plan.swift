import StableJSON

extension InspectJSON {
    /// `savingsPlan` (README, "JSON report"), with the target comparison when the report has one;
    /// absent when the image was not accounted.
    static func planMembers(_ report: ImageReport) -> [JSONMember] {
        guard let plan = report.ledger?.plan else { return [] }
        return [JSONMember("savingsPlan", report.planOutlook.map(SavingsPlanJSON.object) ?? SavingsPlanJSON.object(plan))]
    }
}
