import SizeGate
import StableJSON

/// The JSON form of a `MeasurementDiff`: the `changes` of a check report and `diff --format json`.
public enum DiffJSON {
    /// The changes object (no header), as check reports embed it.
    public static func changes(_ diff: MeasurementDiff) -> JSONValue {
        .object([
            JSONMember("old", side(diff.old)),
            JSONMember("new", side(diff.new)),
            JSONMember(
                "totals",
                .array(
                    diff.totals.map {
                        [
                            "measure": .string($0.measure), "oldBytes": .int($0.oldBytes), "newBytes": .int($0.newBytes),
                            "deltaBytes": .int($0.deltaBytes),
                        ]
                    })),
            JSONMember(
                "categories",
                .array(
                    diff.categories.map {
                        [
                            "name": .string($0.category.rawValue), "oldBytes": .int($0.oldBytes), "newBytes": .int($0.newBytes),
                            "deltaBytes": .int($0.deltaBytes),
                        ]
                    })),
            JSONMember(
                "layers",
                .array(
                    diff.layers.map {
                        [
                            "status": .string($0.status.rawValue), "match": .string($0.match.rawValue),
                            "oldIndex": .int($0.oldIndex.map(Int64.init)), "newIndex": .int($0.newIndex.map(Int64.init)),
                            "createdBy": .string($0.createdBy), "oldBytes": .int($0.oldBytes), "newBytes": .int($0.newBytes),
                            "deltaBytes": .int($0.deltaBytes),
                        ]
                    })),
            JSONMember(
                "packages",
                .array(
                    diff.packages.map {
                        [
                            "status": .string($0.status.rawValue), "ecosystem": .string($0.ecosystem.rawValue), "name": .string($0.name),
                            "oldVersion": .string($0.oldVersion), "newVersion": .string($0.newVersion),
                            "oldBytes": .int($0.oldBytes), "newBytes": .int($0.newBytes), "deltaBytes": .int($0.deltaBytes),
                        ]
                    })),
        ])
    }

    /// `diff --format json`: the changes under a versioned header.
    public static func document(_ diff: MeasurementDiff) -> JSONValue {
        guard case .object(let members) = changes(diff) else { return .null }
        return .object(
            [JSONMember("schemaVersion", .int(reportSchemaVersion)), JSONMember("kind", .string("plimsoll-diff"))] + members)
    }

    private static func side(_ measurement: ImageMeasurement) -> JSONValue {
        [
            "name": .string(measurement.name), "recordedAt": .string(measurement.recordedAt.rfc3339),
            "imageDigest": .string(measurement.imageDigest), "contentBytes": .int(measurement.contentBytes),
        ]
    }
}
