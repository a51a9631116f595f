/// The status line and headers of the final response (after redirects).
public struct HTTPResponseHead: Sendable, Equatable {
    public var status: Int
    /// Header lines in order as received; names keep their case.
    public var headers: [HTTPHeader]

    public init(status: Int, headers: [HTTPHeader]) {
        self.status = status
        self.headers = headers
    }

    /// Every value of the headers named `name` (case-insensitive), in order.
    public func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The first value of the header named `name`.
    public func value(_ name: String) -> String? { values(name).first }
}

/// One response header line.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Parses "Name: value"; nil for the status line and the blank end of the headers.
    init?(line: String) {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
        value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { return nil }
    }
}

import Foundation
