import SizeGate

/// JUnit XML for GitLab, Jenkins and other CI that show test reports: one test suite per image,
/// one test case per rule. A failing rule is a `<failure>`; a warning passes with the reason in
/// `<system-out>`; a skipped rule is `<skipped>`; an image that could not be checked is one test
/// case with an `<error>`.
public struct JUnitReport: Sendable {
    public var phrases: GatePhrases

    public init(phrases: GatePhrases = GatePhrases()) {
        self.phrases = phrases
    }

    public func render(_ summary: FleetSummary) -> String {
        var suites = ""
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for report in summary.reports {
            let results = report.evaluation.results
            let failures = results.filter { $0.status == .fail }.count
            let skipped = results.filter { $0.status == .skipped }.count
            totals.tests += results.count
            totals.failures += failures
            totals.skipped += skipped
            suites += "  <testsuite name=\"\(escape(report.name))\" tests=\"\(results.count)\" failures=\"\(failures)\""
            suites += " errors=\"0\" skipped=\"\(skipped)\" timestamp=\"\(summary.recordedAt.rfc3339)\">\n"
            for result in results {
                let open = "    <testcase classname=\"plimsoll.\(escape(report.name))\" name=\"\(escape(result.rule))\""
                let reason = escape(phrases.reason(result))
                switch result.status {
                case .pass:
                    suites += open + "/>\n"
                case .warn:
                    suites += open + ">\n      <system-out>WARNING: \(reason)</system-out>\n    </testcase>\n"
                case .fail:
                    suites += open + ">\n      <failure type=\"fail\" message=\"\(reason)\">\(reason)</failure>\n    </testcase>\n"
                case .skipped:
                    suites += open + ">\n      <skipped message=\"\(reason)\"/>\n    </testcase>\n"
                }
            }
            suites += "  </testsuite>\n"
        }
        for error in summary.errors {
            let name = escape(error.name ?? error.input)
            totals.tests += 1
            totals.errors += 1
            suites += "  <testsuite name=\"\(name)\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" timestamp=\"\(summary.recordedAt.rfc3339)\">\n"
            suites += "    <testcase classname=\"plimsoll.\(name)\" name=\"check\">\n"
            suites += "      <error type=\"error\" message=\"\(escape(error.message))\">\(escape(error.message))</error>\n"
            suites += "    </testcase>\n  </testsuite>\n"
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"plimsoll check\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\""
        out += " errors=\"\(totals.errors)\" skipped=\"\(totals.skipped)\">\n"
        out += suites + "</testsuites>\n"
        return out
    }

    /// XML-escapes text for attributes and content; drops characters XML 1.0 cannot hold.
    func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case let control where control.value < 0x20: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
