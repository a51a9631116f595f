import ImageModel
import SizeAccounting
import SizeGate
import StableJSON

/// `Reports/NAME.json`: one image's check, complete enough to be read back (by `diff`) into the
/// measurement it was made from.
public enum CheckReportJSON {
    /// The `kind` of a check report.
    public static let kind = "plimsoll-check-report"

    /// The whole report.
    public static func document(_ report: GateReport) -> JSONValue {
        let evaluation = report.evaluation
        return .object([
            JSONMember("schemaVersion", .int(reportSchemaVersion)),
            JSONMember("kind", .string(kind)),
            JSONMember("name", .string(report.name)),
            JSONMember("input", .string(report.input)),
            JSONMember("verdict", .string(evaluation.verdict.rawValue)),
            JSONMember(
                "baseline",
                ["files": .strings(report.baselineFiles), "imageFile": .bool(report.hasImageBaseline)]),
            JSONMember("gatedBytes", .int(evaluation.measurement.gatedBytes)),
            JSONMember("rules", .array(evaluation.results.map(rule))),
            JSONMember("progress", evaluation.progress?.json ?? .null),
            JSONMember("growthBytes", .int(evaluation.growthBytes)),
            JSONMember("measurement", MeasurementJSON.object(evaluation.measurement)),
            JSONMember("changes", report.changes.map(DiffJSON.changes) ?? .null),
            JSONMember(
                "findings",
                [
                    "items": .array(report.findings.map(finding)),
                    "largestWasted": .array(report.largestWasted.map(InspectJSON.wasted)),
                    "notes": .strings(report.notes),
                ]),
            JSONMember("savingsPlan", report.planOutlook.map(SavingsPlanJSON.object) ?? .null),
        ])
    }

    /// One accountant finding, with the names `inspect --format json` uses.
    public static func finding(_ finding: Finding) -> JSONValue {
        [
            "id": .string(finding.id), "severity": .string(finding.severity.rawValue), "bytes": .int(finding.bytes),
            "message": .string(finding.message), "suggestion": .string(finding.suggestion),
        ]
    }

    /// One rule's result as JSON; `measured` and `limit` are bytes or percent, as `unit` says.
    public static func rule(_ result: RuleResult) -> JSONValue {
        .object([
            JSONMember("rule", .string(result.rule)),
            JSONMember("severity", .string(result.severity.rawValue)),
            JSONMember("status", .string(result.status.rawValue)),
            JSONMember("unit", .string(unit(result.limit))),
            JSONMember("measured", result.measured.map(number) ?? .null),
            JSONMember("limit", number(result.limit)),
            JSONMember("setBy", .string(result.setBy)),
            JSONMember("note", .string(result.note)),
        ])
    }

    static func unit(_ quantity: Quantity) -> String {
        if case .percent = quantity { return "percent" }
        return "bytes"
    }

    static func number(_ quantity: Quantity) -> JSONValue {
        switch quantity {
        case .bytes(let count): return .int(count)
        case .percent(let percent): return .double(percent)
        }
    }

}
