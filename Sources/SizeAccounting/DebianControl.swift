/// Debian control-file syntax (dpkg status, Python METADATA headers): "Field: value" lines,
/// continuation lines start with a space, stanzas are separated by blank lines.
enum DebianControl {
    static func stanzas(_ bytes: [UInt8]) -> [[String: String]] {
        var result: [[String: String]] = []
        var current: [String: String] = [:]
        for rawLine in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty {
                if !current.isEmpty { result.append(current) }
                current = [:]
                continue
            }
            // Continuation lines (descriptions, conffiles) are not needed.
            if line.first == " " || line.first == "\t" { continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmed(of: " \t")
            if current[key] == nil { current[key] = value }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// dpkg's `Status: want flag state`: every state but not-installed and config-files has files.
    static func isInstalled(_ status: String?) -> Bool {
        guard let status, let state = status.split(separator: " ").last else { return false }
        return state != "not-installed" && state != "config-files"
    }
}
