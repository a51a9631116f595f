import StableJSON

/// The one JSON form of `TargetProgress`, in check reports, history records and trend.json.
extension TargetProgress {
    static let jsonKeys = [
        "targetBytes", "startBytes", "startSource", "measuredBytes", "remainingBytes", "reached", "fractionOfTheWay",
        "percentOfTheWay",
    ]

    /// `fractionOfTheWay` is rounded to four decimals (so documents carry no float noise);
    /// `percentOfTheWay` is the whole percent the text reports print.
    public var json: JSONValue {
        .object([
            JSONMember("targetBytes", .int(targetBytes)),
            JSONMember("startBytes", .int(startBytes)),
            JSONMember("startSource", .string(startSource.rawValue)),
            JSONMember("measuredBytes", .int(measuredBytes)),
            JSONMember("remainingBytes", .int(remainingBytes)),
            JSONMember("reached", .bool(reached)),
            JSONMember("fractionOfTheWay", fractionOfTheWay.map { .double(($0 * 10_000).rounded() / 10_000) } ?? .null),
            JSONMember("percentOfTheWay", percentOfTheWay.map { .int(Int64($0)) } ?? .null),
        ])
    }

    /// Reads the numbers back; the derived keys are recomputed, never trusted.
    static func decode(_ reader: ObjectReader) throws(DocumentError) -> TargetProgress {
        let sourceText = try reader.requireString("startSource")
        guard let source = StartSource(rawValue: sourceText) else {
            throw reader.error("startSource", .badValue("'\(sourceText)' is not one of targetStart, recorded, current"))
        }
        return TargetProgress(
            targetBytes: try reader.requireBytes("targetBytes"), startBytes: try reader.requireBytes("startBytes"),
            startSource: source, measuredBytes: try reader.requireBytes("measuredBytes"))
    }
}
