/// The one RFC 3339 time type: a moment in UTC, to the second, what every report, baseline and
/// history record carries (`recordedAt`) and what chart time axes are drawn in. Pure calendar
/// arithmetic, so no locale, time zone or Foundation formatter can change a time or an axis label.
public struct UTCTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// Midnight UTC of a calendar day.
    public init(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0) {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// Strict RFC 3339 with a `T` and a zone, as documents write times ("2024-05-01T12:00:00Z",
    /// "2024-05-01T14:00:00.123+02:00"; fractions dropped): no bare dates, no space separator.
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return nil }
        self.init(parsing: text)
    }

    /// Parses RFC 3339 ("2024-05-01T12:00:00Z", "2024-05-01T14:00:00.123+02:00"); fractions of a
    /// second are dropped. Also accepts a bare date ("2024-05-01", midnight UTC), as `--since` does.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        func byte(_ index: Int, is expected: Character) -> Bool {
            index < bytes.count && bytes[index] == expected.asciiValue
        }
        guard let year = number(0..<4), byte(4, is: "-"), let month = number(5..<7), byte(7, is: "-"),
            let day = number(8..<10), (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        if bytes.count == 10 {
            self.init(year: year, month: month, day: day)
            return
        }
        guard byte(10, is: "T") || byte(10, is: "t") || byte(10, is: " "), let hour = number(11..<13), byte(13, is: ":"),
            let minute = number(14..<16), byte(16, is: ":"), let second = number(17..<19),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        if byte(index, is: ".") {
            index += 1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            if index == start { return nil }
        }
        var offset: Int64 = 0
        if byte(index, is: "Z") || byte(index, is: "z") {
            index += 1
        } else if byte(index, is: "+") || byte(index, is: "-") {
            guard let offsetHours = number(index + 1..<index + 3), byte(index + 3, is: ":"),
                let offsetMinutes = number(index + 4..<index + 6)
            else { return nil }
            offset = (offsetHours * 60 + offsetMinutes) * 60 * (byte(index, is: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        seconds -= offset
    }

    /// The calendar fields of this moment in UTC.
    public var civil: (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) {
        let days = Self.floorDivide(seconds, 86_400)
        let rest = seconds - days * 86_400
        let (year, month, day) = Self.civilFromDays(days)
        return (year, month, day, rest / 3_600, rest % 3_600 / 60, rest % 60)
    }

    /// "2024-05-01".
    public var date: String {
        let c = civil
        return "\(Self.pad(c.year, 4))-\(Self.pad(c.month, 2))-\(Self.pad(c.day, 2))"
    }

    /// "2024-05-01 12:30" (UTC).
    public var dateAndMinute: String {
        let c = civil
        return date + " \(Self.pad(c.hour, 2)):\(Self.pad(c.minute, 2))"
    }

    /// "2024-05-01T12:30:00Z".
    public var rfc3339: String {
        let c = civil
        return date + "T\(Self.pad(c.hour, 2)):\(Self.pad(c.minute, 2)):\(Self.pad(c.second, 2))Z"
    }

    /// `20250301T120000Z`: sorts as the time does (history file names).
    public var compact: String {
        rfc3339.filter { $0 != "-" && $0 != ":" }
    }

    public var description: String { rfc3339 }

    /// Midnight UTC of the same day.
    public var startOfDay: UTCTimestamp { UTCTimestamp(seconds: Self.floorDivide(seconds, 86_400) * 86_400) }

    public static func < (lhs: UTCTimestamp, rhs: UTCTimestamp) -> Bool { lhs.seconds < rhs.seconds }

    // Days since 1970-01-01 of a proleptic Gregorian date, by the well-known era decomposition
    // (400-year eras of 146,097 days, years starting in March so the leap day comes last).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
