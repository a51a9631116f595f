import Charts
import Testing

@Suite struct AxisTests {
    @Test func valueTicksAreRoundNumbers() {
        // 7.19 GB over five intervals is 1.438 GB: the next round step is 2 GB.
        let finance = ValueAxis(largest: 7_190_000_000)
        #expect(finance.ticks == [0, 2_000_000_000, 4_000_000_000, 6_000_000_000, 8_000_000_000])
        #expect(finance.maximum == 8_000_000_000)
        // 1.2 GB / 5 = 240 MB: step 250 MB.
        let target = ValueAxis(largest: 1_200_000_000)
        #expect(target.ticks == [0, 250_000_000, 500_000_000, 750_000_000, 1_000_000_000, 1_250_000_000])
        let tiny = ValueAxis(largest: 3)
        #expect(tiny.ticks == [0, 1, 2, 3])
        let empty = ValueAxis(largest: 0)
        #expect(empty.maximum >= 1)
    }

    @Test func dayTicksOverAMonth() throws {
        let start = try #require(UTCTimestamp(parsing: "2024-05-01T10:00:00Z"))
        let end = try #require(UTCTimestamp(parsing: "2024-05-31T10:00:00Z"))
        let axis = TimeAxis(times: [end, start])
        // 30 days with at most 7 ticks: weekly, from midnight May 2nd (the first midnight in range).
        #expect(axis.ticks.map(\.label) == ["2024-05-02", "2024-05-09", "2024-05-16", "2024-05-23", "2024-05-30"])
        #expect(axis.start == start && axis.end == end)
    }

    @Test func hourTicksWithinADay() throws {
        let start = try #require(UTCTimestamp(parsing: "2024-05-01T00:30:00Z"))
        let end = try #require(UTCTimestamp(parsing: "2024-05-01T11:00:00Z"))
        let axis = TimeAxis(times: [start, end])
        #expect(axis.ticks.map(\.label) == ["05-01 02:00", "05-01 04:00", "05-01 06:00", "05-01 08:00", "05-01 10:00"])
    }

    @Test func singleMomentGetsADayEitherSide() throws {
        let moment = try #require(UTCTimestamp(parsing: "2024-05-10T12:00:00Z"))
        let axis = TimeAxis(times: [moment])
        #expect(axis.start.seconds == moment.seconds - 86_400)
        #expect(axis.end.seconds == moment.seconds + 86_400)
        #expect(!axis.ticks.isEmpty)
    }
}
