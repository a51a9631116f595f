import StableJSON

/// pnpm's `node_modules/.modules.yaml`: what pnpm was told to install and where its store is.
/// pnpm writes it with js-yaml in block style (newer versions may write JSON, which is YAML too);
/// only top-level scalars and the `included` map are read.
struct PnpmModulesManifest: Sendable, Equatable {
    var includesDependencies: Bool?
    var includesDevDependencies: Bool?
    var includesOptionalDependencies: Bool?
    var packageManager: String?
    var storeDirectory: String?
    var virtualStoreDirectory: String?

    static func parse(_ bytes: [UInt8]) -> PnpmModulesManifest {
        var manifest = PnpmModulesManifest()
        if bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{"),
            let document = try? JSONParser.parse(bytes)
        {
            manifest.packageManager = document["packageManager"]?.stringValue
            manifest.storeDirectory = document["storeDir"]?.stringValue
            manifest.virtualStoreDirectory = document["virtualStoreDir"]?.stringValue
            manifest.includesDependencies = document["included"]?["dependencies"]?.boolValue
            manifest.includesDevDependencies = document["included"]?["devDependencies"]?.boolValue
            manifest.includesOptionalDependencies = document["included"]?["optionalDependencies"]?.boolValue
            return manifest
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var inIncluded = false
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let indented = line.first == " " || line.first == "\t"
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmed(of: " \t")
            let value = Self.scalar(line[line.index(after: colon)...])
            if indented {
                guard inIncluded else { continue }
                manifest.setIncluded(key, Self.bool(value))
                continue
            }
            inIncluded = false
            switch key {
            case "included":
                if value.hasPrefix("{") {
                    // Flow style: {dependencies: true, devDependencies: false, ...}
                    for pair in value.dropFirst().dropLast().split(separator: ",") {
                        let parts = pair.split(separator: ":", maxSplits: 1)
                        guard parts.count == 2 else { continue }
                        manifest.setIncluded(
                            parts[0].trimmed(of: " \t\"'"),
                            Self.bool(parts[1].trimmed(of: " \t}")))
                    }
                } else {
                    inIncluded = true
                }
            case "packageManager": manifest.packageManager = value.isEmpty ? nil : value
            case "storeDir": manifest.storeDirectory = value.isEmpty ? nil : value
            case "virtualStoreDir": manifest.virtualStoreDirectory = value.isEmpty ? nil : value
            default: break
            }
        }
        return manifest
    }

    private mutating func setIncluded(_ key: String, _ value: Bool?) {
        switch key {
        case "dependencies": includesDependencies = value
        case "devDependencies": includesDevDependencies = value
        case "optionalDependencies": includesOptionalDependencies = value
        default: break
        }
    }

    /// A plain or quoted YAML scalar, without a trailing comment.
    private static func scalar(_ raw: Substring) -> String {
        var text = raw.trimmed(of: " \t")
        if let quote = text.first, quote == "'" || quote == "\"", text.count >= 2, text.last == quote {
            text = String(text.dropFirst().dropLast())
        } else if let hash = text.indices.first(where: { text[$0] == "#" && $0 > text.startIndex && text[text.index(before: $0)] == " " }) {
            text = String(text[..<hash]).trimmed(of: " \t")
        }
        return text
    }

    private static func bool(_ text: String) -> Bool? {
        switch text {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}
