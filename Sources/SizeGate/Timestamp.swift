/// A moment in UTC, to the second. Reports and history print it as RFC 3339 (`2025-03-01T12:00:00Z`);
/// history file names use the compact form (`20250301T120000Z`), which sorts in time order.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    /// `2025-03-01T12:00:00Z`.
    public var rfc3339: String {
        let (year, month, day, hour, minute, second) = fields
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    /// `20250301T120000Z`.
    public var compact: String {
        let (year, month, day, hour, minute, second) = fields
        return "\(pad(year, 4))\(pad(month, 2))\(pad(day, 2))T\(pad(hour, 2))\(pad(minute, 2))\(pad(second, 2))Z"
    }

    public var description: String { rfc3339 }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ`, optionally with fractional seconds (dropped) or a `+HH:MM`
    /// offset; nil for anything else.
    public init?(rfc3339 text: String) {
        let chars = Array(text.utf8)
        guard chars.count >= 20 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int64? {
            guard start + length <= chars.count else { return nil }
            var value: Int64 = 0
            for byte in chars[start..<(start + length)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: "t"),
            chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var position = 19
        if position < chars.count, chars[position] == UInt8(ascii: ".") {
            position += 1
            let start = position
            while position < chars.count, (48...57).contains(chars[position]) { position += 1 }
            if position == start { return nil }
        }
        var offsetSeconds: Int64 = 0
        guard position < chars.count else { return nil }
        switch chars[position] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            position += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Int64 = chars[position] == UInt8(ascii: "+") ? 1 : -1
            guard position + 6 == chars.count, chars[position + 3] == UInt8(ascii: ":"),
                let offsetHours = number(position + 1, 2), let offsetMinutes = number(position + 4, 2)
            else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            position += 6
        default:
            return nil
        }
        guard position == chars.count else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        secondsSince1970 = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    }

    private var fields: (Int64, Int64, Int64, Int64, Int64, Int64) {
        let seconds = secondsSince1970
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let (year, month, day) = Self.civilFromDays(days)
        return (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
    }

    private func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // Howard Hinnant's civil-calendar algorithms: exact for the proleptic Gregorian calendar,
    // and free of Foundation and of the machine's time zone.
    static func civilFromDays(_ daysSince1970: Int64) -> (Int64, Int64, Int64) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
