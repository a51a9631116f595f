import SizeAccounting
import StableJSON
import Testing

@testable import SizeGate

@Suite struct HistoryRecordTests {
    let record = HistoryRecord(
        measurement: TestValues.measurement(
            name: "finance", content: 7_190_000_000, compressed: 2_500_000_000,
            categories: [SizeLedger.CategoryTotal(category: .mlLibraries, bytes: 600_000_000, fileCount: 40)],
            layers: [
                LayerMeasurement(
                    index: 0, diffID: "sha256:aa", createdBy: "RUN pnpm i", contentBytes: 7_190_000_000, blobDigest: "sha256:bb",
                    compressedBytes: 2_500_000_000)
            ],
            packages: [
                InstalledPackage(
                    ecosystem: .npm, name: "canvas", version: "2.11.2", sizeBytes: 179_000_000, fileCount: 9, scope: .prod,
                    paths: ["/app/node_modules/canvas"])
            ]),
        warnBytes: 500_000_000, failBytes: 8_000_000_000, targetBytes: nil, growthFloorBytes: 10_000_000,
        growthWarnBytes: 50_000_000, growthWarnPercent: 5, growthFailBytes: nil, growthFailPercent: 12.5, verdict: .warn)

    @Test func keysAreExactlyTheContract() throws {
        let json = record.json
        #expect(
            json.objectValue?.map(\.key) == [
                "schemaVersion", "kind", "name", "recordedAt", "imageDigest", "tags", "contentBytes", "finalBytes",
                "wastedBytes", "compressedBytes", "compressedBytesSource", "compressedBytesErrorBound", "limits", "growth",
                "verdict", "progress", "categories", "layers", "packages",
            ])
        #expect(json["schemaVersion"] == .int(1))
        #expect(json["kind"] == .string("plimsoll-measurement"))
        #expect(json["recordedAt"] == .string("2023-11-14T22:13:20Z"))
        #expect(json["limits"]?.objectValue?.map(\.key) == ["warnBytes", "failBytes", "targetBytes"])
        #expect(json["limits"]?["targetBytes"] == .null)
        #expect(json["growth"]?["failBytes"] == .null)
        #expect(json["growth"]?["failPercent"] == .double(12.5))
        #expect(
            json["layers"]?.arrayValue?.first?.objectValue?.map(\.key) == [
                "index", "diffID", "createdBy", "contentBytes", "blobDigest", "compressedBytes",
            ])
        #expect(
            json["packages"]?.arrayValue?.first?.objectValue?.map(\.key) == [
                "ecosystem", "name", "version", "sizeBytes", "fileCount", "scope", "paths",
            ])
        #expect(json["categories"]?.arrayValue?.first?.objectValue?.map(\.key) == ["name", "bytes", "fileCount"])
    }

    @Test func decodesWhatItEncodes() throws {
        let decoded = try HistoryRecord.decode(Array(record.text.utf8), file: "x.json")
        #expect(decoded == record)
    }

    /// Records written before layers carried `blobDigest` and `compressedBytes` still read, with
    /// both unknown.
    @Test func readsLayersWrittenBeforeTheirBlobDigestAndCompressedSize() throws {
        var members = record.json.objectValue ?? []
        let index = try #require(members.firstIndex { $0.key == "layers" })
        members[index] = JSONMember(
            "layers", [["index": 0, "diffID": "sha256:aa", "createdBy": "RUN pnpm i", "contentBytes": .int(7_190_000_000)]])
        let decoded = try HistoryRecord.decode(Array(JSONWriter.pretty(.object(members)).utf8), file: "old.json")
        #expect(decoded.measurement.layers.first?.blobDigest == nil)
        #expect(decoded.measurement.layers.first?.compressedBytes == nil)
        #expect(decoded.measurement.layers.first?.contentBytes == 7_190_000_000)
        #expect(decoded.measurement.layers.first?.diffID == "sha256:aa")
    }

    @Test func fileNamesSortByTimeAndCarryTheDigest() {
        #expect(record.fileName(randomHex: "0a1b2c") == "20231114T221320Z-abababababab-0a1b2c.json")
        var noDigest = record
        noDigest.measurement.imageDigest = nil
        #expect(noDigest.fileName(randomHex: "ffffff") == "20231114T221320Z-nodigest-ffffff.json")
    }

    @Test func rejectsOtherVersionsAndKinds() {
        let other = #"{"schemaVersion": 2, "kind": "plimsoll-measurement"}"#
        #expect(throws: DocumentError.self) { try HistoryRecord.decode(Array(other.utf8), file: "x.json") }
        let wrongKind = #"{"schemaVersion": 1, "kind": "something-else"}"#
        #expect(throws: DocumentError.self) { try HistoryRecord.decode(Array(wrongKind.utf8), file: "x.json") }
    }
}

@Suite struct MeasurementDiffTests {
    @Test func matchesLayersByDiffIDThenByStep() {
        let old = TestValues.measurement(
            content: 600,
            layers: [
                LayerMeasurement(index: 0, diffID: "sha256:base", createdBy: "ADD rootfs", contentBytes: 100),
                LayerMeasurement(index: 1, diffID: "sha256:deps1", createdBy: "RUN pnpm install", contentBytes: 400),
                LayerMeasurement(index: 2, diffID: "sha256:gone", createdBy: "RUN apt-get install gl", contentBytes: 100),
            ])
        let new = TestValues.measurement(
            content: 1200,
            layers: [
                LayerMeasurement(index: 0, diffID: "sha256:base", createdBy: "ADD rootfs", contentBytes: 100),
                LayerMeasurement(index: 1, diffID: "sha256:deps2", createdBy: "RUN pnpm install # buildkit", contentBytes: 900),
                LayerMeasurement(index: 2, diffID: "sha256:new", createdBy: "COPY dist /app", contentBytes: 200),
            ])
        let diff = MeasurementDiff(old: old, new: new)
        let statuses = diff.layers.map { "\($0.status.rawValue):\($0.deltaBytes)" }
        // Largest movers first: +500 changed, +200 added, -100 removed, 0 unchanged.
        #expect(statuses == ["changed:500", "added:200", "removed:-100", "unchanged:0"])
        #expect(diff.layers[0].match == .historyStep)
        #expect(diff.layers[3].match == .diffID)
        #expect(diff.totals.first { $0.measure == "content" }?.deltaBytes == 600)
    }

    @Test func classifiesPackageChanges() {
        func package(_ name: String, _ version: String, _ size: Int64) -> InstalledPackage {
            InstalledPackage(
                ecosystem: .npm, name: name, version: version, sizeBytes: size, fileCount: 1, scope: .prod,
                paths: ["/app/node_modules/" + name])
        }
        let old = TestValues.measurement(
            content: 1,
            packages: [package("canvas", "2.9.0", 100), package("lodash", "4.17.21", 50), package("moment", "2.29.4", 30),
                       package("rxjs", "7.8.1", 10)])
        let new = TestValues.measurement(
            content: 1,
            packages: [package("canvas", "2.11.2", 180), package("lodash", "4.17.21", 60), package("@tensorflow/tfjs-node", "4.22.0", 383),
                       package("rxjs", "7.10.0", 9)])
        let diff = MeasurementDiff(old: old, new: new)
        let summary = diff.packages.map { "\($0.status.rawValue) \($0.name) \($0.deltaBytes)" }
        #expect(summary == ["added @tensorflow/tfjs-node 383", "upgraded canvas 80", "removed moment -30", "grown lodash 10", "upgraded rxjs -1"])
    }

    @Test func comparesVersionsNumerically() {
        #expect(VersionOrder.compare("1.10.0", "1.9.2") == 1)
        #expect(VersionOrder.compare("2.0.0", "2.0.0") == 0)
        #expect(VersionOrder.compare("1.0.0-rc1", "1.0.0-rc2") == -1)
    }
}
