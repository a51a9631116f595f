import Charts
import Testing

@testable import SizeGate

@Suite struct ByteSizeTests {
    @Test(arguments: [
        ("500MB", Int64(500_000_000)), ("1.2GB", 1_200_000_000), ("512MiB", 536_870_912), ("0B", 0),
        ("1.5 kB", 1500), ("1kib", 1024), ("7.19GB", 7_190_000_000), ("123", 123), ("2TB", 2_000_000_000_000),
        ("1.1MiB", 1_153_434), ("0.5GiB", 536_870_912), ("10mb", 10_000_000),
    ])
    func parses(_ text: String, _ bytes: Int64) throws {
        #expect(try ByteSize.parse(text) == bytes)
    }

    @Test(arguments: ["-1MB", "12XB", "1.5", "", "MB", "1.GB", "5 M", "1e3MB", "99999999999999999999B", "20000000TB", " 5MB"])
    func rejects(_ text: String) {
        #expect(throws: ByteSize.ParseError.self) { try ByteSize.parse(text) }
    }

    @Test func errorsSayWhatIsAccepted() {
        do {
            _ = try ByteSize.parse("12XB")
            Issue.record("accepted 12XB")
        } catch {
            #expect(error.description.contains("'12XB' is not a size"))
            #expect(error.description.contains("unknown unit 'XB'"))
        }
        do {
            _ = try ByteSize.parse("-1MB")
            Issue.record("accepted -1MB")
        } catch {
            #expect(error.description.contains("negative"))
        }
    }
}

@Suite struct TimestampTests {
    // Expected strings computed with python's datetime in UTC.
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (1_700_000_000, "2023-11-14T22:13:20Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (4_102_444_800, "2100-01-01T00:00:00Z"), (-86_400, "1969-12-31T00:00:00Z"),
    ])
    func formatsAndParses(_ seconds: Int64, _ text: String) {
        let timestamp = UTCTimestamp(seconds: seconds)
        #expect(timestamp.rfc3339 == text)
        #expect(UTCTimestamp(rfc3339: text) == timestamp)
    }

    @Test func compactFormSortsLikeTime() {
        #expect(UTCTimestamp(seconds: 1_700_000_000).compact == "20231114T221320Z")
        #expect(UTCTimestamp(seconds: 999).compact < UTCTimestamp(seconds: 1_000_000).compact)
    }

    @Test func parsesOffsetsAndFractions() {
        #expect(UTCTimestamp(rfc3339: "2023-11-14T23:13:20+01:00")?.seconds == 1_700_000_000)
        #expect(UTCTimestamp(rfc3339: "2023-11-14T22:13:20.123Z")?.seconds == 1_700_000_000)
        #expect(UTCTimestamp(rfc3339: "2023-11-14 22:13:20") == nil)
        #expect(UTCTimestamp(rfc3339: "2023-13-14T22:13:20Z") == nil)
    }
}

@Suite struct ImageNamingTests {
    @Test func repositoryOfTheFirstTag() {
        #expect(ImageNaming.name(explicit: nil, tags: ["registry.example.com:5000/team/api-gateway:1.2"], input: "x.tar", digest: nil) == "api-gateway")
        #expect(ImageNaming.name(explicit: nil, tags: ["api-gateway@sha256:abc"], input: "x.tar", digest: nil) == "api-gateway")
        #expect(ImageNaming.name(explicit: "finance", tags: ["a/b:1"], input: "x.tar", digest: nil) == "finance")
        #expect(ImageNaming.name(explicit: nil, tags: [], input: "/tmp/Examples/pass.tar.gz", digest: nil) == "pass")
        #expect(ImageNaming.name(explicit: nil, tags: [], input: "-", digest: "sha256:0123456789abcdef") == "image-0123456789ab")
    }

    @Test func validatesNames() {
        #expect(ImageNaming.validate("api-gateway") == nil)
        #expect(ImageNaming.validate("../etc") != nil)
        #expect(ImageNaming.validate("defaults") != nil)
        #expect(ImageNaming.validate("a b") != nil)
    }
}
