import Charts
import Foundation
import PlimsollKit
import SizeTrend
import StableJSON
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct TrendReportTests {
    @Test func writesTablesThatMatchTheHistory() throws {
        let fixture = try HistoryFixture()
        defer { fixture.remove() }
        // One broken record and one writer's temporary file: the first is skipped and named, the
        // second ignored.
        try fixture.writeFile("auth/20240620T000000Z-nodigest-ffffff.json", "{\"schemaVersion\": 1,")
        try fixture.writeFile("auth/.20240621T000000Z-nodigest-eeeeee.json.tmp-1-2", "garbage")
        let out = fixture.root.appendingPathComponent("out").path
        let outcome = try TrendReport(historyDirectory: fixture.history.path, outputDirectory: out).run()

        #expect(fixture.records.count == 45)
        #expect(outcome.trend.measurementCount == 45)
        #expect(outcome.trend.services.count == 15)
        #expect(outcome.trend.skipped.map(\.file) == ["auth/20240620T000000Z-nodigest-ffffff.json"])

        let json = try JSONParser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/trend.json"))))
        #expect(json["measurementCount"]?.intValue == 45)
        #expect(json["skipped"]?.arrayValue?.count == 1)
        let services = try #require(json["services"]?.arrayValue)
        #expect(services.count == 15)
        var expectedBefore: Int64 = 0
        var expectedAfter: Int64 = 0
        var eventCount = 0
        for service in services {
            let name = try #require(service["name"]?.stringValue)
            let records = fixture.records(of: name)
            let values = records.map(\.contentBytes)
            let first = try #require(values.first)
            let latest = try #require(values.last)
            expectedBefore += first
            expectedAfter += latest
            #expect(service["measurementCount"]?.intValue == Int64(records.count))
            #expect(service["first"]?["contentBytes"]?.intValue == first)
            #expect(service["first"]?["imageDigest"]?.stringValue == records.first?.digest)
            #expect(service["latest"]?["contentBytes"]?.intValue == latest)
            #expect(service["latest"]?["recordedAt"]?.stringValue == records.last?.time.rfc3339)
            #expect(service["min"]?["contentBytes"]?.intValue == values.min())
            #expect(service["max"]?["contentBytes"]?.intValue == values.max())
            #expect(service["changeBytes"]?.intValue == latest - first)
            // The fixture's records carry the gate's progress, counted from the first build (targetStart).
            let target = try #require(records.last?.targetBytes)
            #expect(service["progress"]?["remainingBytes"]?.intValue == max(latest - target, 0))
            #expect(service["progress"]?["startBytes"]?.intValue == first)
            #expect(service["progress"]?["startSource"] == "targetStart")
            let share = Double(first - latest) / Double(first - target)
            #expect(abs((service["progress"]?["fractionOfTheWay"]?.doubleValue ?? .nan) - share) <= 0.00005)
            #expect(service["progress"]?["percentOfTheWay"]?.intValue == Int64(min(99, (share * 100).rounded())))
            // Every build that grew past a rule since the build before: the third (+250 MB) trips the
            // 10% rule whenever 250 MB is over 10% of the previous size, i.e. below 2.5 GB.
            let warned = records.indices.dropFirst().filter { index in
                let growth = records[index].contentBytes - records[index - 1].contentBytes
                return growth > HistoryFixture.growthWarn
                    || (growth * 100 > records[index - 1].contentBytes * 10 && growth >= HistoryFixture.growthFloor)
            }
            let events = try #require(service["growthEvents"]?.arrayValue)
            #expect(events.map { $0["imageDigest"]?.stringValue } == warned.map { records[$0].digest })
            #expect(events.map { $0["growthBytes"]?.intValue } == warned.map { _ in 250 * HistoryFixture.megabyte })
            #expect(events.map { $0["level"]?.stringValue } == warned.map { _ in "warn" })
            #expect(events.map { $0["rule"]?.stringValue } == warned.map { _ in "growth.warn.percent" })
            #expect(events.map { $0["limit"]?["percent"]?.doubleValue } == warned.map { _ in HistoryFixture.growthWarnPercent })
            eventCount += events.count
        }
        // Services 1, 2, 4, 5, ... have a third build; of those, the ones under 2.5 GB before it warn
        // (900 MB + i × 400 MB < 2.5 GB: services 1 and 2), and finance (7.09 GB before) does not.
        #expect(eventCount == 2)
        // Largest latest size first.
        let latestSizes = services.compactMap { $0["latest"]?["contentBytes"]?.intValue }
        #expect(latestSizes == latestSizes.sorted(by: >))
        let fleet = try #require(json["fleet"])
        #expect(fleet["beforeBytes"]?.intValue == expectedBefore)
        #expect(fleet["afterBytes"]?.intValue == expectedAfter)
        #expect(fleet["savingsBytes"]?.intValue == expectedBefore - expectedAfter)
        #expect(fleet["averageAfterBytes"]?.intValue == expectedAfter / 15)
        let totals = try #require(fleet["totals"]?.arrayValue)
        #expect(totals.first?["bytes"]?.intValue == expectedBefore)
        #expect(totals.last?["bytes"]?.intValue == expectedAfter)
        // A total in the middle: just after finance's third build (week 2, hour 5), every service
        // counts with its latest record at or before that moment.
        let moment = UTCTimestamp(seconds: HistoryFixture.start + 14 * 86_400 + 5 * 3_600)
        let expectedAtMoment = HistoryFixture.services.reduce(Int64(0)) { sum, name in
            let records = fixture.records(of: name)
            return sum + (records.last { $0.time <= moment } ?? records[0]).contentBytes
        }
        #expect(totals.first { $0["recordedAt"]?.stringValue == moment.rfc3339 }?["bytes"]?.intValue == expectedAtMoment)

        // The Markdown: finance went 7.19 GB → 6.94 GB (savings 250 MB = 3.48% of 7.19 GB).
        let markdown = try String(contentsOfFile: out + "/trend.md", encoding: .utf8)
        #expect(markdown.contains("| finance | 7.19 GB | 6.94 GB | 250 MB | 3.5% | 1.2 GB |"))
        #expect(markdown.contains("![Fleet total content size over time](charts/fleet.svg)"))
        #expect(markdown.contains("![finance: content size over time](charts/service-finance.svg)"))
        #expect(markdown.contains("![finance: size by category over time](charts/categories-finance.svg)"))
        // 6.94 GB − 1.2 GB = 5.74 GB to go; (7.19 − 6.94) / (7.19 − 1.2) = 4.17%: "4%", as check says it.
        #expect(markdown.contains("target 1.2 GB: 5.74 GB to go, 4% of the way (from 7.19 GB)"))
        // finance's sparkline: 7.19, 7.09, 7.34, 6.94 GB between 6.94 and 7.34 → levels 4, 3, 7, 0.
        #expect(markdown.split(separator: "\n").contains { $0.hasPrefix("finance ") && $0.contains("▅▄█▁") })
        #expect(markdown.contains("skipped unreadable record auth/20240620T000000Z-nodigest-ffffff.json"))
        #expect(!markdown.contains(fixture.root.path))

        // Every chart is written and is well-formed XML with an <svg> root and a fixed viewBox.
        let charts = outcome.files.filter { $0.hasSuffix(".svg") }
        #expect(charts.count == 1 + 15 + 1)
        for chart in charts {
            let root = try XMLCheck.rootElement(of: URL(fileURLWithPath: out + "/" + chart))
            #expect(root.name == "svg", "\(chart)")
            #expect(root.attributes["viewBox"] == "0 0 800 320", "\(chart)")
        }
        let financeChart = try String(contentsOfFile: out + "/charts/service-finance.svg", encoding: .utf8)
        #expect(financeChart.contains(">target 1.2 GB</text>"))
        #expect(financeChart.contains("warn 500 MB"))
        #expect(!financeChart.contains("<script"))
    }

    @Test func outputIsDeterministic() throws {
        let fixture = try HistoryFixture()
        defer { fixture.remove() }
        let first = fixture.root.appendingPathComponent("one").path
        let second = fixture.root.appendingPathComponent("two").path
        let one = try TrendReport(historyDirectory: fixture.history.path, outputDirectory: first).run()
        _ = try TrendReport(historyDirectory: fixture.history.path, outputDirectory: second).run()
        for file in one.files {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + file))
            #expect(a == b, "\(file)")
        }
    }

    @Test func filtersByServiceAndTime() throws {
        let fixture = try HistoryFixture()
        defer { fixture.remove() }
        // From the second week on: every service's first build is left out.
        let since = UTCTimestamp(seconds: HistoryFixture.start + 7 * 86_400)
        let options = TrendOptions(services: ["finance", "crm", "nonexistent"], since: since, categoryServices: ["finance", "crm"])
        let out = fixture.root.appendingPathComponent("out").path
        let outcome = try TrendReport(historyDirectory: fixture.history.path, outputDirectory: out, options: options).run()
        let trend = outcome.trend
        #expect(trend.services.map(\.name) == ["finance", "crm"])
        for service in trend.services {
            let expected = fixture.records(of: service.name).filter { $0.time >= since }
            #expect(service.points.map(\.contentBytes) == expected.map(\.contentBytes))
        }
        #expect(trend.warnings.contains("no measurements of service 'nonexistent' since 2024-05-08"))
        #expect(trend.warnings.contains("no category data for service 'crm': no categories chart"))
        #expect(trend.categoryServices == ["finance"])
        #expect(trend.fleet.beforeBytes == 7_090_000_000 + fixture.records(of: "crm")[1].contentBytes)
    }

    @Test func emptySelectionIsAnError() throws {
        let fixture = try HistoryFixture()
        defer { fixture.remove() }
        let report = TrendReport(
            historyDirectory: fixture.history.path, outputDirectory: fixture.root.appendingPathComponent("out").path,
            options: TrendOptions(services: ["nobody"]))
        #expect(throws: TrendReport.Failure.self) { try report.run() }
        let missing = TrendReport(historyDirectory: fixture.history.appendingPathComponent("absent").path, outputDirectory: "unused")
        #expect(throws: TrendReport.Failure.self) { try missing.run() }
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("out").path))
    }
}

/// Parses a file with Foundation's XMLParser and returns its root element; throws on malformed XML.
enum XMLCheck {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    final class Delegate: NSObject, XMLParserDelegate {
        var root: Element?
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            if root == nil { root = Element(name: elementName, attributes: attributeDict) }
        }
    }

    static func rootElement(of url: URL) throws -> Element {
        try rootElement(of: Data(contentsOf: url), name: url.lastPathComponent)
    }

    static func rootElement(of data: Data, name: String) throws -> Element {
        let parser = XMLParser(data: data)
        let delegate = Delegate()
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else {
            throw Malformed(description: "\(name): \(parser.parserError.map { "\($0)" } ?? "no root element")")
        }
        return root
    }
}
