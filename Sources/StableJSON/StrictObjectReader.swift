/// What is wrong at one place of a document read strictly.
public enum StrictReadProblem: Equatable, Sendable {
    /// The value is not of the type the key takes ("a string", "an object", ...).
    case wrongType(expected: String, found: String)
    /// The object holds `key`, which is none of `known`.
    case unknownKey(String, known: [String])
    /// The object lacks `key`.
    case missingKey(String)
}

/// An error a strict reader throws: each document kind words its messages its own way (baselines
/// "limits.warnn: unknown key (expected one of: ...)", rules files "rules[0]: unknown key 'pathz'
/// (expected one of: ...)"), from the same facts.
public protocol StrictReadFailure: Error {
    /// - Parameters:
    ///   - file: the document as the user names it.
    ///   - objectPath: the dotted path of the object the problem is in ("" for the document,
    ///     "rules[2]", "limits").
    ///   - key: the key of that object the problem is at; nil when it is the object itself (or an
    ///     element of a list, whose index `objectPath` ends with).
    init(strict problem: StrictReadProblem, file: String, objectPath: String, key: String?)
}

extension StrictReadFailure {
    /// "limits.warn" for ("limits", "warn"); the object's path when there is no key.
    public static func keyPath(_ objectPath: String, _ key: String?) -> String {
        guard let key else { return objectPath }
        return objectPath.isEmpty ? key : "\(objectPath).\(key)"
    }
}

/// Reads one JSON object of our own files (baselines, history records, rules files) strictly:
/// rejects keys it was not told about, and turns every type mismatch into a `Failure` that names
/// the file and the key path. The one strict reader; third-party documents are read leniently
/// elsewhere, with the libraries made for them.
public struct StrictObjectReader<Failure: StrictReadFailure> {
    public let file: String
    /// The dotted path of this object ("" for the document itself).
    public let path: String
    /// The members in file order.
    public let members: [JSONMember]
    /// Whether null stands for an absent key (baselines, where null clears an inherited value) or
    /// is a wrong type like any other (rules files). Objects read from this one inherit it.
    public let nullIsAbsent: Bool

    /// - Parameter known: the keys allowed here; nil allows any (machine-written records that a
    ///   newer plimsoll may extend).
    public init(_ value: JSONValue, file: String, path: String, known: [String]?, nullIsAbsent: Bool = true) throws(Failure) {
        guard case .object(let members) = value else {
            throw Failure(strict: .wrongType(expected: "an object", found: value.kindDescription), file: file, objectPath: path, key: nil)
        }
        self.file = file
        self.path = path
        self.members = members
        self.nullIsAbsent = nullIsAbsent
        if let known, let stranger = members.first(where: { !known.contains($0.key) }) {
            throw Failure(strict: .unknownKey(stranger.key, known: known), file: file, objectPath: path, key: stranger.key)
        }
    }

    public var keys: [String] { members.map(\.key) }

    /// The path of `key` in this object.
    public func child(_ key: String) -> String { Failure.keyPath(path, key) }

    /// A failure at `key` of this object.
    public func failure(_ key: String, _ problem: StrictReadProblem) -> Failure {
        Failure(strict: problem, file: file, objectPath: path, key: key)
    }

    public func wrongType(_ key: String, _ expected: String, _ value: JSONValue) -> Failure {
        failure(key, .wrongType(expected: expected, found: value.kindDescription))
    }

    /// The raw value, nil when absent.
    public func value(_ key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    public func require(_ key: String) throws(Failure) -> JSONValue {
        guard let value = value(key) else { throw failure(key, .missingKey(key)) }
        return value
    }

    /// The value at `key` unless it is absent (or null, where null means absent).
    private func present(_ key: String) -> JSONValue? {
        guard let value = value(key), !(nullIsAbsent && value.isNull) else { return nil }
        return value
    }

    /// The object at `key`; nil when absent.
    public func object(_ key: String, known: [String]?) throws(Failure) -> StrictObjectReader? {
        guard let value = present(key) else { return nil }
        return try StrictObjectReader(value, file: file, path: child(key), known: known, nullIsAbsent: nullIsAbsent)
    }

    public func string(_ key: String) throws(Failure) -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, "a string", value) }
        return text
    }

    public func requireString(_ key: String) throws(Failure) -> String {
        guard let text = try string(key) else { throw absent(key, "a string") }
        return text
    }

    public func int(_ key: String) throws(Failure) -> Int64? {
        guard let value = present(key) else { return nil }
        guard case .int(let number) = value else { throw wrongType(key, "an integer", value) }
        return number
    }

    public func requireInt(_ key: String) throws(Failure) -> Int64 {
        guard let number = try int(key) else { throw absent(key, "an integer") }
        return number
    }

    /// Missing, or null where `expected` is required.
    public func absent(_ key: String, _ expected: String) -> Failure {
        failure(key, value(key) == nil ? .missingKey(key) : .wrongType(expected: expected, found: "null"))
    }

    /// - Parameter expected: how messages name the type ("a list", "a list of strings").
    public func array(_ key: String, expected: String = "a list") throws(Failure) -> [JSONValue]? {
        guard let value = present(key) else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, expected, value) }
        return items
    }

    public func strings(_ key: String, expected: String = "a list") throws(Failure) -> [String]? {
        guard let items = try array(key, expected: expected) else { return nil }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw Failure(
                    strict: .wrongType(expected: "a string", found: item.kindDescription), file: file,
                    objectPath: "\(child(key))[\(index)]", key: nil)
            }
            result.append(text)
        }
        return result
    }

    /// Each element of the list at `key`, as an object reader.
    public func objects(_ key: String, known: [String]?) throws(Failure) -> [StrictObjectReader] {
        guard let items = try array(key) else { return [] }
        var readers: [StrictObjectReader] = []
        for (index, item) in items.enumerated() {
            readers.append(try StrictObjectReader(
                item, file: file, path: "\(child(key))[\(index)]", known: known, nullIsAbsent: nullIsAbsent))
        }
        return readers
    }
}
