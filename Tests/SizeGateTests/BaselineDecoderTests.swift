import SizeAccounting
import StableJSON
import Testing

@testable import SizeGate

@Suite struct BaselineDecoderTests {
    func decode(_ text: String, name: String? = "finance") throws(DocumentError) -> BaselineDocument {
        try BaselineDecoder.decode(Array(text.utf8), file: "Baselines/finance.json", name: name)
    }

    func error(_ text: String, name: String? = "finance") -> DocumentError? {
        do {
            _ = try decode(text, name: name)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEverySection() throws {
        let document = try decode(
            """
            {"schemaVersion": 1, "description": "why",
             "limits": {"warn": "500MB", "fail": 8000000000, "target": "1.2GB", "targetStart": null},
             "compressed": {"warn": "300MiB"},
             "growth": {"floor": "10MB", "warn": {"bytes": "50MB", "percent": 5}, "fail": {"percent": "12.5%"}},
             "categories": {"dev-dependencies": {"fail": "0B"}, "caches-and-leftovers": {"warn": "10MB"}},
             "ignorePaths": ["/root/.npm/", "/app/**/*.map"]}
            """)
        #expect(document.description == "why")
        #expect(document.limits.warn == .value(SizeSetting(bytes: 500_000_000, written: "500MB")))
        #expect(document.limits.fail == .value(SizeSetting(bytes: 8_000_000_000)))
        #expect(document.limits.target == .value(SizeSetting(bytes: 1_200_000_000, written: "1.2GB")))
        #expect(document.limits.targetStart == .cleared)
        #expect(document.compressed.warn == .value(SizeSetting(bytes: 314_572_800, written: "300MiB")))
        #expect(document.compressed.fail == .inherit)
        #expect(document.growth.floor == .value(SizeSetting(bytes: 10_000_000, written: "10MB")))
        #expect(document.growth.warn.percent == .value(PercentSetting(percent: 5, written: .int(5))))
        #expect(document.growth.fail.percent == .value(PercentSetting(percent: 12.5, written: .string("12.5%"))))
        #expect(document.growth.fail.bytes == .inherit)
        // Sorted by name whatever the file's order.
        #expect(document.categories.map(\.category) == [.cachesAndLeftovers, .devDependencies])
        #expect(document.categories[1].fail == .value(SizeSetting(bytes: 0, written: "0B")))
        guard case .value(let patterns) = document.ignorePaths else {
            Issue.record("ignorePaths not read")
            return
        }
        #expect(patterns.map(\.text) == ["/root/.npm/", "/app/**/*.map"])
    }

    @Test func errorsNameFileKeyAndProblem() {
        let cases: [(String, String)] = [
            (#"{"schemaVersion": 1, "limits": {"warnn": "1MB"}}"#,
             "Baselines/finance.json: limits.warnn: unknown key (expected one of: warn, fail, target, targetStart)"),
            (#"{"schemaVersion": 1, "limits": {"warn": "12XB"}}"#, "Baselines/finance.json: limits.warn: '12XB' is not a size: unknown unit 'XB'"),
            (#"{"schemaVersion": 1, "limits": {"warn": true}}"#,
             "Baselines/finance.json: limits.warn: expected a size such as \"500MB\" or integer bytes, found a boolean"),
            (#"{"schemaVersion": 1, "limits": {"warn": 1.5}}"#, "Baselines/finance.json: limits.warn: 1.5 is not a size"),
            (#"{"schemaVersion": 1, "limits": []}"#, "Baselines/finance.json: limits: expected an object, found a list"),
            (#"{"schemaVersion": 1, "limits": {"warn": "1MB",}}"#, "Baselines/finance.json: not valid JSON: line 1, column"),
            (#"{"schemaVersion": 2, "limits": {"warnn": 1}}"#,
             "Baselines/finance.json: schemaVersion: unsupported version 2 (this plimsoll reads version 1)"),
            (#"{"limits": {}}"#, "Baselines/finance.json: no \"schemaVersion\""),
            (#"{"schemaVersion": "1"}"#, "Baselines/finance.json: schemaVersion: expected an integer, found a string"),
            (#"{"schemaVersion": 1, "categories": {"dev-deps": {"fail": "0B"}}}"#,
             "Baselines/finance.json: categories.dev-deps: unknown category 'dev-deps'"),
            (#"{"schemaVersion": 1, "categories": {"dev-dependencies": {"max": "0B"}}}"#,
             "Baselines/finance.json: categories.dev-dependencies.max: unknown key (expected one of: warn, fail)"),
            (#"{"schemaVersion": 1, "growth": {"warn": {"percent": -1}}}"#,
             "Baselines/finance.json: growth.warn.percent: percentages cannot be negative"),
            (#"{"schemaVersion": 1, "growth": {"warn": {"percent": "five"}}}"#,
             "Baselines/finance.json: growth.warn.percent: 'five' is not a percentage"),
            (#"{"schemaVersion": 1, "ignorePaths": ["tmp/"]}"#,
             "Baselines/finance.json: ignorePaths[0]: 'tmp/': a pattern starts with '/'"),
            (#"{"schemaVersion": 1, "ignorePaths": [3]}"#, "Baselines/finance.json: ignorePaths[0]: expected a string, found a number"),
            (#"{"schemaVersion": 1, "recorded": {"recordedAt": "yesterday"}}"#,
             "Baselines/finance.json: recorded.recordedAt: 'yesterday' is not an RFC 3339 time"),
            (#"[1]"#, "Baselines/finance.json: expected an object, found a list"),
        ]
        for (text, expected) in cases {
            let description = error(text)?.description ?? "(accepted)"
            #expect(description.hasPrefix(expected), "\(text)")
            #expect(!description.contains("\n"))
        }
    }

    @Test func defaultsMayNotHoldARecordedMeasurement() {
        let text = #"{"schemaVersion": 1, "recorded": {"recordedAt": "2023-11-14T22:13:20Z", "contentBytes": 1, "finalBytes": 1, "wastedBytes": 0}}"#
        #expect(error(text, name: nil)?.description.hasPrefix("Baselines/finance.json: recorded: not allowed in defaults.json") == true)
        #expect(error(text, name: "finance") == nil)
    }

    @Test func rewritingKeepsWhatPeopleWrote() throws {
        let text = """
            {
              "schemaVersion": 1,
              "description": "d",
              "limits": {
                "warn": "500MB",
                "fail": 8000000000,
                "target": null
              },
              "growth": {
                "warn": {
                  "percent": "5%"
                },
                "fail": {
                  "bytes": "250MB",
                  "percent": 12.5
                }
              },
              "categories": {
                "dev-dependencies": {
                  "fail": "0B"
                }
              },
              "ignorePaths": [
                "/root/.npm/"
              ]
            }

            """
        let document = try decode(text)
        #expect(BaselineEncoder.text(document) == text)
    }

    @Test func recordedMeasurementRoundTrips() throws {
        var document = BaselineDocument()
        document.limits.warn = .value(SizeSetting(bytes: 1_000_000, written: "1MB"))
        document.recorded = TestValues.measurement(
            name: "finance", content: 7_190_000_000, ignored: 5, compressed: 2_000_000_000,
            categories: [SizeLedger.CategoryTotal(category: .mlLibraries, bytes: 600, fileCount: 3)],
            layers: [LayerMeasurement(index: 0, diffID: "sha256:00", createdBy: "RUN x", contentBytes: 7_190_000_000)],
            packages: [
                InstalledPackage(
                    ecosystem: .npm, name: "@tensorflow/tfjs-node", version: "4.22.0", sizeBytes: 383, fileCount: 2, scope: .prod,
                    paths: ["/app/node_modules/@tensorflow/tfjs-node"])
            ])
        let text = BaselineEncoder.text(document)
        let decoded = try decode(text)
        #expect(decoded == document)
        // Keys in the documented order.
        let keys = (try JSONParser.parse(text)).objectValue?.map(\.key)
        #expect(keys == ["schemaVersion", "limits", "recorded"])
    }
}
