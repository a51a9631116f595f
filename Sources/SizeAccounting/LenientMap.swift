/// A JSON or YAML object read entry by entry: an entry whose value does not decode as `Value` is
/// left out and the rest are kept, as npm's normalize-package-data drops a dependency whose range
/// is not a string (with a warning) and goes on. Entries are sorted by key: the order of a
/// decoded object is not the file's, and sorted is the same in every process.
struct LenientMap<Value: Decodable>: Decodable {
    var entries: [(key: String, value: Value)] = []

    var keys: [String] { entries.map(\.key) }

    init(_ entries: [(key: String, value: Value)] = []) {
        self.entries = entries
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys {
            if let value = try? container.decode(Value.self, forKey: key) { entries.append((key.stringValue, value)) }
        }
        entries.sort { $0.key < $1.key }
    }

    /// Any key of an object.
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension KeyedDecodingContainer {
    /// The value at `key` if it is there and of the right type; nil otherwise, without failing the
    /// document: a wrong-typed field that the accountant may use is as good as absent.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
