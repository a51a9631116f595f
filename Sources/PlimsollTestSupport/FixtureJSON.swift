import StableJSON

/// A fixture document, written with tuples for brevity: a JSON value whose objects keep their key order, so fixture documents look like the ones
/// real writers emit (and explicit `null`s, such as Docker 25.0's `"manifests": null`, survive).
enum FixtureJSON {
    case object([(String, FixtureJSON)])
    case array([FixtureJSON])
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null

    /// An array of strings, or null when `values` is nil.
    static func strings(_ values: [String]?) -> FixtureJSON {
        guard let values else { return .null }
        return .array(values.map { .string($0) })
    }

    /// Compact serialisation (no spaces), as Go's encoding/json writes.
    var bytes: [UInt8] { Array(serialised.utf8) }

    /// Written by StableJSON's compact writer: no serialiser of our own to keep in step.
    var serialised: String { JSONWriter.compact(value) }

    /// The same document as a `JSONValue`.
    var value: JSONValue {
        switch self {
        case .object(let members): return .object(members.map { JSONMember($0.0, $0.1.value) })
        case .array(let values): return .array(values.map(\.value))
        case .string(let string): return .string(string)
        case .int(let number): return .int(number)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        }
    }
}
