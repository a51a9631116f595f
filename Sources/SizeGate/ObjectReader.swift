import StableJSON

/// Reads one JSON object strictly: rejects keys it was not told about, and turns every type
/// mismatch into a `DocumentError` that names the file and the key path.
struct ObjectReader {
    let file: String
    let path: String
    private let members: [JSONMember]

    /// - Parameter known: the keys allowed here; nil allows any (machine-written records that a
    ///   newer plimsoll may extend).
    init(_ value: JSONValue, file: String, path: String, known: [String]?) throws(DocumentError) {
        guard case .object(let members) = value else {
            throw DocumentError(file: file, keyPath: path, problem: .wrongType(expected: "an object", found: value.kindDescription))
        }
        self.file = file
        self.path = path
        self.members = members
        if let known, let stranger = members.first(where: { !known.contains($0.key) }) {
            throw DocumentError(file: file, keyPath: child(stranger.key), problem: .unknownKey(known: known))
        }
    }

    var keys: [String] { members.map(\.key) }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ problem: DocumentError.Problem) -> DocumentError {
        DocumentError(file: file, keyPath: child(key), problem: problem)
    }

    /// The raw value, nil when absent.
    func value(_ key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    func require(_ key: String) throws(DocumentError) -> JSONValue {
        guard let value = value(key) else { throw error(key, .missingKey) }
        return value
    }

    func object(_ key: String, known: [String]?) throws(DocumentError) -> ObjectReader? {
        guard let value = value(key), !value.isNull else { return nil }
        return try ObjectReader(value, file: file, path: child(key), known: known)
    }

    func string(_ key: String) throws(DocumentError) -> String? {
        guard let value = value(key), !value.isNull else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, "a string", value) }
        return text
    }

    func requireString(_ key: String) throws(DocumentError) -> String {
        guard let text = try string(key) else { throw error(key, value(key) == nil ? .missingKey : .wrongType(expected: "a string", found: "null")) }
        return text
    }

    func int(_ key: String) throws(DocumentError) -> Int64? {
        guard let value = value(key), !value.isNull else { return nil }
        guard case .int(let number) = value else { throw wrongType(key, "an integer", value) }
        return number
    }

    func requireInt(_ key: String) throws(DocumentError) -> Int64 {
        guard let number = try int(key) else { throw error(key, value(key) == nil ? .missingKey : .wrongType(expected: "an integer", found: "null")) }
        return number
    }

    /// A non-negative integer count of bytes.
    func bytes(_ key: String) throws(DocumentError) -> Int64? {
        guard let number = try int(key) else { return nil }
        guard number >= 0 else { throw error(key, .badValue("byte counts cannot be negative")) }
        return number
    }

    func requireBytes(_ key: String) throws(DocumentError) -> Int64 {
        guard let number = try bytes(key) else { throw error(key, value(key) == nil ? .missingKey : .wrongType(expected: "an integer", found: "null")) }
        return number
    }

    func array(_ key: String) throws(DocumentError) -> [JSONValue]? {
        guard let value = value(key), !value.isNull else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, "a list", value) }
        return items
    }

    func strings(_ key: String) throws(DocumentError) -> [String]? {
        guard let items = try array(key) else { return nil }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw DocumentError(
                    file: file, keyPath: "\(child(key))[\(index)]", problem: .wrongType(expected: "a string", found: item.kindDescription))
            }
            result.append(text)
        }
        return result
    }

    /// Each element of the list at `key`, as an object reader.
    func objects(_ key: String, known: [String]?) throws(DocumentError) -> [ObjectReader] {
        guard let items = try array(key) else { return [] }
        var readers: [ObjectReader] = []
        for (index, item) in items.enumerated() {
            readers.append(try ObjectReader(item, file: file, path: "\(child(key))[\(index)]", known: known))
        }
        return readers
    }

    func wrongType(_ key: String, _ expected: String, _ value: JSONValue) -> DocumentError {
        error(key, .wrongType(expected: expected, found: value.kindDescription))
    }
}
