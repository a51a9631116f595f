import Charts
import Foundation
import Testing

@Suite struct UTCTimestampTests {
    @Test func parsesKnownMoments() {
        // 2024-01-01T00:00:00Z is 1,704,067,200 s; May 1st is 31 + 29 + 31 + 30 = 121 days later.
        let newYear: Int64 = 1_704_067_200
        let mayFirst: Int64 = newYear + 121 * 86_400
        #expect(UTCTimestamp(parsing: "2024-01-01T00:00:00Z")?.seconds == newYear)
        #expect(UTCTimestamp(parsing: "2024-05-01T00:00:00Z")?.seconds == mayFirst)
        #expect(UTCTimestamp(parsing: "2024-05-01")?.seconds == mayFirst)
        let halfPastTwelve: Int64 = 12 * 3_600 + 30 * 60 + 15
        #expect(UTCTimestamp(parsing: "2024-05-01T14:30:15.250+02:00")?.seconds == mayFirst + halfPastTwelve)
        #expect(UTCTimestamp(parsing: "1970-01-01T00:00:00Z")?.seconds == 0)
        #expect(UTCTimestamp(parsing: "1969-12-31T23:59:59Z")?.seconds == -1)
    }

    @Test func rejectsMalformedText() {
        for text in ["", "2024-13-01", "2024-02-30", "2023-02-29T00:00:00Z", "2024-05-01T00:00:00", "2024-05-01T25:00:00Z",
            "2024-5-1", "2024-05-01T00:00:00Zjunk", "2024-05-01T00:00:00.Z"]
        {
            #expect(UTCTimestamp(parsing: text) == nil, "\(text)")
        }
        #expect(UTCTimestamp(parsing: "2024-02-29T00:00:00Z") != nil)
    }

    @Test func formatsLikeFoundation() throws {
        // Foundation's ISO 8601 formatter is an independent oracle for the calendar arithmetic.
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var seconds: Int64 = -5_000_000_000
        while seconds < 5_000_000_000 {
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let stamp = UTCTimestamp(seconds: seconds)
            #expect(stamp.rfc3339 == expected)
            #expect(UTCTimestamp(parsing: expected)?.seconds == seconds)
            seconds += 7_777_777
        }
    }

    @Test func startOfDayAndLabels() throws {
        let stamp = try #require(UTCTimestamp(parsing: "2024-03-09T17:45:10Z"))
        #expect(stamp.startOfDay.rfc3339 == "2024-03-09T00:00:00Z")
        #expect(stamp.date == "2024-03-09")
        #expect(stamp.dateAndMinute == "2024-03-09 17:45")
    }
}
