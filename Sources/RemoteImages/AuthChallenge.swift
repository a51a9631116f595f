/// One `WWW-Authenticate` challenge: `Basic realm="..."` or
/// `Bearer realm="...",service="...",scope="..."`.
struct AuthChallenge: Equatable {
    var scheme: String
    var parameters: [String: String]

    /// Parses a header value; nil when it names no scheme.
    init?(header: String) {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard let space = text.firstIndex(where: { $0 == " " }) ?? (text.isEmpty ? nil : text.endIndex) else { return nil }
        scheme = text[..<space].lowercased()
        parameters = [:]
        var rest = text[space...].drop(while: { $0 == " " })
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let char = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(char); escaped = false; continue }
                    if char == "\\" { escaped = true; continue }
                    if char == "\"" { break }
                    value.append(char)
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            parameters[key] = value
            rest = rest.drop(while: { $0 == "," || $0 == " " })
        }
        if scheme.isEmpty { return nil }
    }
}

import Foundation
