import StableJSON
import Testing

/// The one strict reader of our own files: each problem carries the object's path and the key,
/// which baselines and rules files word in their own ways.
@Suite struct StrictObjectReaderTests {
    struct Failure: StrictReadFailure, Equatable {
        var problem: StrictReadProblem
        var objectPath: String
        var key: String?

        init(strict problem: StrictReadProblem, file: String, objectPath: String, key: String?) {
            self.problem = problem
            self.objectPath = objectPath
            self.key = key
        }
    }

    typealias Reader = StrictObjectReader<Failure>

    private func failure(_ body: () throws -> Void) -> Failure? {
        do {
            try body()
            return nil
        } catch {
            return error as? Failure
        }
    }

    @Test func problemsNameTheObjectAndTheKey() throws {
        let document = try JSONParser.parse(#"{"a": {"b": [1, "x"], "c": null}, "list": [{"k": 1}, {"z": 2}], "n": 1.5}"#)
        #expect(failure { _ = try Reader(document, file: "f", path: "", known: ["a"]) }
                == Failure(strict: .unknownKey("list", known: ["a"]), file: "f", objectPath: "", key: "list"))
        let root = try Reader(document, file: "f", path: "", known: nil)
        let a = try #require(try root.object("a", known: ["b", "c"]))
        #expect(a.path == "a")
        #expect(failure { _ = try a.strings("b") } == Failure(strict: .wrongType(expected: "a string", found: "a number"), file: "f",
                                                             objectPath: "a.b[0]", key: nil))
        #expect(failure { _ = try root.objects("list", known: ["k"]) }
                == Failure(strict: .unknownKey("z", known: ["k"]), file: "f", objectPath: "list[1]", key: "z"))
        #expect(failure { _ = try root.int("n") } == Failure(strict: .wrongType(expected: "an integer", found: "a number"), file: "f",
                                                             objectPath: "", key: "n"))
        #expect(failure { _ = try root.require("missing") } == Failure(strict: .missingKey("missing"), file: "f", objectPath: "", key: "missing"))
        #expect(Failure.keyPath("a", "b") == "a.b" && Failure.keyPath("", "b") == "b" && Failure.keyPath("a[0]", nil) == "a[0]")
    }

    @Test func nullIsAbsentOrAWrongType() throws {
        let document = try JSONParser.parse(#"{"c": null}"#)
        let lenient = try Reader(document, file: "f", path: "", known: nil)
        #expect(try lenient.string("c") == nil)
        #expect(failure { _ = try lenient.requireString("c") }?.problem == .wrongType(expected: "a string", found: "null"))
        let strict = try Reader(document, file: "f", path: "", known: nil, nullIsAbsent: false)
        #expect(failure { _ = try strict.string("c") }?.problem == .wrongType(expected: "a string", found: "null"))
        #expect(failure { _ = try strict.object("c", known: nil) }?.problem == .wrongType(expected: "an object", found: "null"))
        #expect(failure { _ = try strict.array("c", expected: "a list of strings") }?.problem
                == .wrongType(expected: "a list of strings", found: "null"))
    }
}
