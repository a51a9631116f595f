import Charts
import ImageModel
import SizeGate
import StableJSON

/// The end of a `check` run: every image, its size, limits, verdict and change since its
/// baseline, with the figures the team tracks (total size, average size against the goal).
public struct FleetSummary: Sendable {
    public var reports: [GateReport]
    public var errors: [GateError]
    /// The per-image goal the average is compared with: the defaults' `limits.target`.
    public var goalBytes: Int64?
    public var recordedAt: UTCTimestamp

    public init(reports: [GateReport], errors: [GateError], goalBytes: Int64?, recordedAt: UTCTimestamp) {
        self.reports = reports
        self.errors = errors
        self.goalBytes = goalBytes
        self.recordedAt = recordedAt
    }

    /// The checked images whose content was measured: not those read with `--manifest-only`,
    /// whose size is unknown (their content is 0 bytes only because nothing was read).
    public var measured: [GateReport] { reports.filter(\.evaluation.measurement.contentMeasured) }

    /// Sum of the measured images' gated sizes.
    public var totalBytes: Int64 { measured.reduce(0) { $0 + $1.evaluation.measurement.gatedBytes } }

    /// Average gated size of the measured images (rounded down); nil when none was measured.
    public var averageBytes: Int64? {
        let measured = measured
        return measured.isEmpty ? nil : totalBytes / Int64(measured.count)
    }

    /// The layers the checked images share; nil unless two or more images were checked.
    public var layers: FleetLayers? {
        guard reports.count > 1 else { return nil }
        return FleetLayers(
            members: reports.map { FleetLayers.Member(name: $0.name, input: $0.input) },
            sharing: LayerSharing(measurements: reports.map(\.evaluation.measurement)),
            contentMeasured: reports.allSatisfy(\.evaluation.measurement.contentMeasured))
    }

    /// How many checked images got `verdict`.
    public func count(_ verdict: Verdict) -> Int { reports.filter { $0.verdict == verdict }.count }

    /// `error` when any image could not be checked, else the worst verdict.
    public var overall: String {
        if !errors.isEmpty { return "error" }
        return (reports.map(\.verdict).max() ?? .pass).rawValue
    }

    /// `summary.json`.
    public func json() -> JSONValue {
        .object([
            JSONMember("schemaVersion", .int(reportSchemaVersion)),
            JSONMember("kind", .string("plimsoll-check-summary")),
            JSONMember("recordedAt", .string(recordedAt.rfc3339)),
            JSONMember("verdict", .string(overall)),
            JSONMember(
                "images",
                .array(
                    reports.map { report in
                        let evaluation = report.evaluation
                        return .object([
                            JSONMember("name", .string(report.name)),
                            JSONMember("input", .string(report.input)),
                            JSONMember("verdict", .string(evaluation.verdict.rawValue)),
                            JSONMember("gatedBytes", .int(evaluation.measurement.gatedBytes)),
                            JSONMember("contentBytes", .int(evaluation.measurement.contentBytes)),
                            JSONMember("contentMeasured", .bool(evaluation.measurement.contentMeasured)),
                            JSONMember("warnBytes", .int(evaluation.rules.warnBytes)),
                            JSONMember("failBytes", .int(evaluation.rules.failBytes)),
                            JSONMember("targetBytes", .int(evaluation.rules.targetBytes)),
                            JSONMember("growthBytes", .int(evaluation.growthBytes)),
                            JSONMember("imageBaseline", .bool(report.hasImageBaseline)),
                            JSONMember("reasons", .strings(evaluation.reasons.map(\.rule))),
                        ])
                    })),
            JSONMember(
                "errors",
                .array(
                    errors.map {
                        ["input": .string($0.input), "name": .string($0.name), "tag": .string($0.tag), "message": .string($0.message)]
                    })),
            JSONMember(
                "totals",
                [
                    "images": .int(reports.count + errors.count), "checked": .int(reports.count), "measured": .int(measured.count),
                    "pass": .int(count(.pass)), "warn": .int(count(.warn)), "fail": .int(count(.fail)),
                    "error": .int(errors.count), "totalBytes": .int(totalBytes), "averageBytes": .int(averageBytes),
                    "goalBytes": .int(goalBytes),
                ]),
            JSONMember("fleet", layers?.json() ?? .null),
        ])
    }

    /// The table, for the terminal (`markdown: false`) or Markdown.
    public func table(_ phrases: GatePhrases, markdown: Bool) -> TextTable {
        let bytes = phrases.bytes
        // With several images, each one's unique and shared bytes follow its size.
        let layers = self.layers
        let sharing = layers == nil ? [] : ["unique", "shared"]
        var table = TextTable(
            headers: ["service", "size"] + sharing + ["warn", "fail", "verdict", "change"],
            alignments: [.left, .right] + sharing.map { _ in .right } + [.right, .right, .left, .right])
        for (index, report) in reports.enumerated() {
            let evaluation = report.evaluation
            let verdict = markdown ? "\(CheckReportMarkdown.mark(report.verdict)) \(report.verdict.rawValue)" : report.verdict.rawValue
            let measurement = evaluation.measurement
            // Without the content, the one size known is the compressed one; 0 B would be a lie.
            let size =
                measurement.contentMeasured
                ? bytes.string(measurement.gatedBytes) : measurement.compressedBytes.map { bytes.string($0) + " compressed" } ?? "–"
            table.add([
                markdown ? "`\(report.name)`" : report.name,
                size,
            ] + (layers?.cells(index, bytes) ?? []) + [
                evaluation.rules.warnBytes.map(bytes.string) ?? "–",
                evaluation.rules.failBytes.map(bytes.string) ?? "–",
                verdict,
                evaluation.growthBytes.map(bytes.delta) ?? "not recorded",
            ])
        }
        for error in errors {
            table.add([error.label, "–"] + sharing.map { _ in "–" } + ["–", "–", "error", "–"])
        }
        return table
    }

    /// "3 images: 1 pass, 1 warn, 1 fail. Total 9.3 GB; average 3.1 GB, 7.8× the 400 MB goal."
    public func totalsLine(_ phrases: GatePhrases) -> String {
        let bytes = phrases.bytes
        let images = reports.count + errors.count
        var parts = ["\(count(.pass)) pass", "\(count(.warn)) warn", "\(count(.fail)) fail"]
        if !errors.isEmpty { parts.append("\(errors.count) error") }
        var line = "\(Plural.count(images, "image")): \(parts.joined(separator: ", ")). "
        let unmeasured = reports.count - measured.count
        line += "Total \(bytes.string(totalBytes))"
        if unmeasured > 0 { line += " (\(Plural.count(unmeasured, "image")) read --manifest-only not counted)" }
        if let average = averageBytes {
            line += "; average \(bytes.string(average))"
            if let goal = goalBytes, goal > 0 {
                let ratio = Double(average) / Double(goal)
                line += average > goal
                    ? ", \(ByteFormatter.fixed(ratio, decimals: 1))× the \(bytes.string(goal)) goal"
                    : ", within the \(bytes.string(goal)) goal"
            }
        }
        return line + "."
    }

    /// The shared-layers line under the totals (with a newline); empty for one image.
    func layersLine(_ phrases: GatePhrases) -> String {
        layers.map { $0.line(phrases.bytes) + "\n" } ?? ""
    }

    /// The table and totals line for the terminal.
    public func text(_ phrases: GatePhrases) -> String {
        table(phrases, markdown: false).render() + "\n" + totalsLine(phrases) + "\n" + layersLine(phrases)
    }

    /// `summary.md`: the verdict, totals, table and every reason.
    public func markdown(_ phrases: GatePhrases) -> String {
        var out = "## Image size gate: \(overall.uppercased())\n\n"
        out += totalsLine(phrases) + "\n\n" + (layers.map { $0.line(phrases.bytes) + "\n\n" } ?? "")
        out += table(phrases, markdown: true).markdown()
        let tripped = reports.filter { !$0.evaluation.reasons.isEmpty }
        if !tripped.isEmpty || !errors.isEmpty {
            out += "\n### Reasons\n\n"
            for report in tripped {
                for reason in report.evaluation.reasons {
                    out += "- `\(report.name)` **\(reason.status.rawValue)**: \(phrases.reason(reason))\n"
                }
            }
            for error in errors { out += "- `\(error.label)` **error**: \(error.message)\n" }
        }
        return out
    }
}
