import Charts
import Testing

@Suite struct SparklineTests {
    @Test func risingValuesUseEveryLevel() {
        #expect(Sparkline.render([10, 20, 30, 40, 50, 60, 70, 80]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([80, 10]) == "█▁")
    }

    @Test func flatAndEmpty() {
        #expect(Sparkline.render([5, 5, 5]) == "▄▄▄")
        #expect(Sparkline.render([]) == "")
    }

    @Test func longSeriesAreGroupedAndEndOnTheLatest() {
        let values: [Int64] = Array(1...100).map { Int64($0) }
        let line = Sparkline.render(values, width: 10)
        #expect(line.count == 10)
        // Groups of ten; each shows its last value: 10, 20, ..., 100.
        #expect(line == Sparkline.render([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], width: 10))
        #expect(line.last == "█")
        #expect(line.first == "▁")
    }
}
