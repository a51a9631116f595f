import SizeGate

/// GitHub Actions workflow commands. GitHub shows at most 10 warning and 10 error annotations per
/// step, so a fleet gets few: one per image and severity, holding every reason of that severity,
/// one per image that could not be checked, and one for the fleet. An image's annotation points
/// (`file=`, `line=`) at the baseline key that set its first reason's limit.
public struct GitHubAnnotations: Sendable {
    public var phrases: GatePhrases

    public init(phrases: GatePhrases = GatePhrases()) {
        self.phrases = phrases
    }

    /// Where an annotation points: a repository-relative file and, when known, the line.
    public struct Location: Sendable, Equatable {
        public var file: String
        public var line: Int?

        public init(file: String, line: Int?) {
            self.file = file
            self.line = line
        }
    }

    /// - Parameter baselineDirectory: the baselines directory as given, relative to the
    ///   repository; nil (or absolute) means no `file=`, since GitHub could not resolve it.
    public func render(_ summary: FleetSummary, baselineDirectory: String?) -> String {
        var out = ""
        for report in summary.reports {
            for status in [RuleStatus.fail, .warn] {
                let reasons = report.evaluation.reasons.filter { $0.status == status }
                guard let first = reasons.first else { continue }
                let command = status == .fail ? "error" : "warning"
                var properties: [String] = []
                if let location = location(of: first, in: report, directory: baselineDirectory) {
                    properties.append("file=\(property(location.file))")
                    if let line = location.line { properties.append("line=\(line)") }
                }
                let count = Plural.count(reasons.count, "reason")
                properties.append("title=\(property("plimsoll: \(report.name) \(status.rawValue) (\(count))"))")
                let lines = reasons.map { "- \(phrases.reason($0))" }
                out += "::\(command) \(properties.joined(separator: ","))::"
                out += message("\(report.name) (\(report.input)): \(status.rawValue)\n" + lines.joined(separator: "\n")) + "\n"
            }
        }
        for error in summary.errors {
            let name = error.name ?? error.input
            out += "::error title=\(property("plimsoll: \(name) could not be checked"))::\(message(error.message))\n"
        }
        if !summary.reports.isEmpty || !summary.errors.isEmpty {
            let command = summary.overall == "pass" ? "notice" : summary.overall == "warn" ? "warning" : "error"
            let title = "plimsoll: image size gate \(summary.overall)"
            out += "::\(command) title=\(property(title))::\(message(summary.totalsLine(phrases)))\n"
        }
        return out
    }

    /// The baseline file and line that set `rule`'s limit; nil for the built-in defaults.
    func location(of rule: RuleResult, in report: GateReport, directory: String?) -> Location? {
        guard let directory, !directory.hasPrefix("/"), let file = rule.setBy, file != GateRules.builtInLabel else { return nil }
        let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
        return Location(file: path, line: report.baselineKeyLines[file]?[rule.rule])
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
