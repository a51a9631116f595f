import Charts
import Reporting
import SizeTrend
import StableJSON

/// The `trend` use case: read the history, build the trend, and write `trend.md`, `trend.json`
/// and `charts/*.svg` into the output directory, each file atomically.
public struct TrendReport: Sendable {
    /// Why no report was written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// What was written.
    public struct Outcome: Sendable {
        public var trend: Trend
        /// Paths relative to the output directory, in the order written.
        public var files: [String]
        /// One line per service with its sparkline, for the terminal.
        public var glance: String
    }

    public var historyDirectory: String
    public var outputDirectory: String
    public var options: TrendOptions
    /// Units of the Markdown tables (charts always use decimal units).
    public var bytes: ByteFormatter

    public init(historyDirectory: String, outputDirectory: String, options: TrendOptions = TrendOptions(), bytes: ByteFormatter = ByteFormatter()) {
        self.historyDirectory = historyDirectory
        self.outputDirectory = outputDirectory
        self.options = options
        self.bytes = bytes
    }

    public func run() throws(Failure) -> Outcome {
        let history: (measurements: [MeasurementRecord], skipped: [HistoryRecordError])
        do {
            history = try HistoryReader.read(directory: historyDirectory)
        } catch {
            throw Failure(message: error.description)
        }
        let trend = Trend(measurements: history.measurements, skipped: history.skipped, options: options)
        guard !trend.services.isEmpty else {
            var message = "\(historyDirectory): no measurements"
            if !options.services.isEmpty || options.since != nil { message += " match the selection" }
            if !history.skipped.isEmpty { message += " (\(history.skipped.count) unreadable records skipped)" }
            throw Failure(message: message)
        }
        let files = Self.render(trend, bytes: bytes)
        for file in files {
            do {
                try AtomicFile.write(file.contents, to: outputDirectory + "/" + file.path)
            } catch {
                throw Failure(message: error.description)
            }
        }
        return Outcome(trend: trend, files: files.map(\.path), glance: TrendMarkdown(bytes: bytes).glanceLines(trend))
    }

    /// The report's files, charts first so that `trend.md` never names a chart not yet written.
    public static func render(_ trend: Trend, bytes: ByteFormatter = ByteFormatter()) -> [(path: String, contents: String)] {
        let charts = TrendCharts(trend)
        var files = charts.all(in: trend).map { (path: $0.path, contents: $0.svg) }
        files.append((path: "trend.json", contents: JSONWriter.pretty(TrendJSON.document(trend, charts: charts))))
        files.append((path: "trend.md", contents: TrendMarkdown(bytes: bytes).render(trend, charts: charts)))
        return files
    }
}
