import StableJSON

/// Baselines, history records and saved reports are read with StableJSON's strict reader; its
/// failures are `DocumentError`s that name the file and the key path.
typealias ObjectReader = StrictObjectReader<DocumentError>

extension DocumentError: StrictReadFailure {
    public init(strict problem: StrictReadProblem, file: String, objectPath: String, key: String?) {
        let keyPath = Self.keyPath(objectPath, key)
        switch problem {
        case .wrongType(let expected, let found): self.init(file: file, keyPath: keyPath, problem: .wrongType(expected: expected, found: found))
        case .unknownKey(_, let known): self.init(file: file, keyPath: keyPath, problem: .unknownKey(known: known))
        case .missingKey: self.init(file: file, keyPath: keyPath, problem: .missingKey)
        }
    }
}

extension StrictObjectReader where Failure == DocumentError {
    /// A `DocumentError` at `key` of this object.
    func error(_ key: String, _ problem: DocumentError.Problem) -> DocumentError {
        DocumentError(file: file, keyPath: child(key), problem: problem)
    }

    /// A non-negative integer count of bytes.
    func bytes(_ key: String) throws(DocumentError) -> Int64? {
        guard let number = try int(key) else { return nil }
        guard number >= 0 else { throw error(key, .badValue("byte counts cannot be negative")) }
        return number
    }

    func requireBytes(_ key: String) throws(DocumentError) -> Int64 {
        guard let number = try bytes(key) else { throw absent(key, "an integer") }
        return number
    }

    /// A string that must name a case of `Value` (a category, an ecosystem); nil when absent or null.
    func optionalEnum<Value: RawRepresentable & CaseIterable>(_ key: String, _: Value.Type) throws(DocumentError) -> Value?
    where Value.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = Value(rawValue: text) else {
            let known = Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw error(key, .badValue("'\(text)' is not one of \(known)"))
        }
        return value
    }

    func requireEnum<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type) throws(DocumentError) -> Value
    where Value.RawValue == String {
        guard let value = try optionalEnum(key, type) else { throw absent(key, "a string") }
        return value
    }
}
