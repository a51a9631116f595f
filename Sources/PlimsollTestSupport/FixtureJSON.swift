/// A JSON value whose objects keep their key order, so fixture documents look like the ones
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

    var serialised: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                value.write(to: &output)
            }
            output += "}"
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case .string(let string): Self.writeString(string, to: &output)
        case .int(let value): output += String(value)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        }
    }

    private static func writeString(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
