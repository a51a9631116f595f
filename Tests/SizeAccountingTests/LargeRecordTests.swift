import Foundation
import ImageLoading
import ImageModel
import PlimsollTestSupport
import SizeAccounting
import Testing

/// A Python distribution whose RECORD is over 2 MB (tensorflow's is 1.66 MB), through the real
/// reader: every file RECORD lists belongs to the distribution, and a RECORD over the capture
/// limit is named in the image's notes.
@Suite struct LargeRecordTests {
    static let site = "usr/local/lib/python3.12/site-packages"
    static let distInfo = site + "/tensorflow_cpu-2.21.0.dist-info"
    static let fileCount = 24_000

    /// Sizes of the distribution's files, as the fixture writes them: 1 to 1,999 bytes.
    static func size(_ index: Int) -> Int64 { Int64((index * 7_919) % 1_999 + 1) }
    static func path(_ index: Int) -> String { "tensorflow/python/ops/generated/module_\(index)/gen_op_wrapper_\(index).py" }

    static func fixture() -> (AccountingFixture, recordBytes: Int) {
        var lines: [String] = []
        for index in 0..<fileCount {
            lines.append("\(path(index)),sha256=\(String(repeating: "x", count: 43)),\(size(index))")
        }
        lines.append("tensorflow_cpu-2.21.0.dist-info/METADATA,,")
        lines.append("tensorflow_cpu-2.21.0.dist-info/RECORD,,")
        let record = lines.joined(separator: "\n") + "\n"
        var builder = AccountingFixtureBuilder(config: ConfigSpec(workdir: "/srv"))
        builder.layer("RUN pip install tensorflow-cpu") { layer in
            layer.text(distInfo + "/METADATA", "Metadata-Version: 2.1\nName: tensorflow-cpu\nVersion: 2.21.0\n\n", "ml-libraries")
            layer.text(distInfo + "/RECORD", record, "ml-libraries")
            for index in 0..<fileCount { layer.file(site + "/" + path(index), size(index), "ml-libraries") }
        }
        builder.layer("COPY app.py") { layer in layer.file("srv/app.py", 1_234, "app") }
        return (builder.fixture, record.utf8.count)
    }

    static func load(_ fixture: AccountingFixture, maxBytes: Int64?) throws -> (LoadedImage, SizeAccountant) {
        let path = try LoadedTarballTests.temporaryFile("record.tar")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        _ = try ImageFixtureBuilder.write([fixture.image], options: ArchiveOptions(layout: .docker25), to: path)
        let accountant = try SizeAccountant.standard()
        let requirements = accountant.captureRequirements
        let capture = CapturePolicy(maxBytes: maxBytes ?? requirements.maxBytes) { requirements.matches($0) }
        let image = try #require(try ImageLoader(options: LoadOptions(capture: capture)).load(.path(path)).first)
        return (image, accountant)
    }

    @Test func everyFileOfALargeRecordBelongsToItsDistribution() throws {
        let (fixture, recordBytes) = Self.fixture()
        #expect(recordBytes > 2_000_000)
        let (image, accountant) = try Self.load(fixture, maxBytes: nil)
        let ledger = accountant.account(image)
        #expect(LedgerInvariants.violations(ledger, of: image) == [])
        // Independently of the accountant: no path is written twice, so each category holds the
        // bytes of the files the fixture declared in it. (FixtureImage's reference merge is
        // quadratic in the file count, too slow for 24,000 files.)
        var declared: [String: (bytes: Int64, files: Int)] = [:]
        for layer in fixture.image.layers {
            for entry in layer.entries {
                guard case .file(let path, let size, _) = entry, let category = fixture.expectations[path] else { continue }
                declared[category, default: (0, 0)].bytes += size
                declared[category, default: (0, 0)].files += 1
            }
        }
        for total in ledger.categories {
            let wanted = declared[total.category.rawValue] ?? (0, 0)
            #expect(total.bytes == wanted.bytes && total.fileCount == wanted.files, "\(total.category.rawValue)")
        }
        let metadataBytes: Int64 = if case .file(_, let size, _)? = fixture.image.layers[0].entries.first { size } else { -1 }
        let files = (0..<Self.fileCount).reduce(Int64(0)) { $0 + Self.size($1) }
        let expected = files + Int64(recordBytes) + metadataBytes
        let package = try #require(ledger.package(.pypi, "tensorflow-cpu"))
        #expect(package.sizeBytes == expected)
        #expect(package.fileCount == Self.fileCount + 2)
        #expect(ledger.bytes(.mlLibraries) == expected)
        #expect(!image.notes.contains { $0.contains("limit") })
    }

    @Test func aRecordOverTheCaptureLimitIsNamedInTheNotes() throws {
        let (fixture, recordBytes) = Self.fixture()
        let (image, accountant) = try Self.load(fixture, maxBytes: 1_000_000)
        let note = try #require(image.notes.first { $0.contains("/" + Self.distInfo + "/RECORD") })
        #expect(note.contains("is \(recordBytes) bytes, over the 1000000-byte limit"))
        let ledger = accountant.account(image)
        #expect(ledger.notes.contains { $0.hasPrefix("/" + Self.distInfo + " has no readable RECORD") })
        #expect(LedgerInvariants.violations(ledger, of: image) == [])
    }
}
