import SizeGate

/// GitHub Actions workflow commands: one `::error` line per failing rule or unreadable image,
/// one `::warning` line per warning. GitHub shows them on the run and, with `file=`, on the
/// baseline file in the pull request.
public struct GitHubAnnotations: Sendable {
    public var phrases: GatePhrases

    public init(phrases: GatePhrases = GatePhrases()) {
        self.phrases = phrases
    }

    /// - Parameter baselineFile: the repository-relative path of the baseline file that set a
    ///   rule, when there is one to point at (nil: no `file=`).
    public func render(_ summary: FleetSummary, baselineFile: (GateReport, RuleResult) -> String?) -> String {
        var out = ""
        for report in summary.reports {
            for reason in report.evaluation.reasons {
                let command = reason.status == .fail ? "error" : "warning"
                var properties: [String] = []
                if let file = baselineFile(report, reason) { properties.append("file=\(property(file))") }
                properties.append("title=\(property("plimsoll: \(report.name) \(reason.status.rawValue)"))")
                out += "::\(command) \(properties.joined(separator: ","))::\(message("\(report.name): \(phrases.reason(reason))"))\n"
            }
        }
        for error in summary.errors {
            let name = error.name ?? error.input
            out += "::error title=\(property("plimsoll: \(name) could not be checked"))::\(message(error.message))\n"
        }
        return out
    }

    /// Escaping of a command's message (GitHub's toolkit `escapeData`).
    func message(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    /// Escaping of a property value (GitHub's toolkit `escapeProperty`).
    func property(_ text: String) -> String {
        message(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
