/// Files inside node packages that production code does not load: tests, docs, source maps and
/// TypeScript sources. Recognised by directory names (per directory) and file names (per file).
enum NodeModulesExtra: Int, Sendable, CaseIterable {
    case tests
    case docs
    case sourceMaps
    case typeScriptSources

    var label: String {
        switch self {
        case .tests: return "tests"
        case .docs: return "docs"
        case .sourceMaps: return "source maps"
        case .typeScriptSources: return "TypeScript sources"
        }
    }

    /// Directory names inside a package that hold only tests or docs.
    static func directory(_ name: Substring) -> NodeModulesExtra? {
        switch name {
        case "test", "tests", "__tests__", "__mocks__", "__fixtures__": return .tests
        case "doc", "docs", "example", "examples": return .docs
        default: return nil
        }
    }

    /// Classifies a file by its name alone (UTF-8 bytes).
    static func file(_ name: UnsafeBufferPointer<UInt8>) -> NodeModulesExtra? {
        guard let last = name.last else { return nil }
        switch last {
        case UInt8(ascii: "p"):
            return hasSuffix(name, ".map") ? .sourceMaps : nil
        case UInt8(ascii: "s"), UInt8(ascii: "x"):
            // .ts .mts .cts .tsx, but not declarations (.d.ts, .d.mts, .d.cts).
            guard hasSuffix(name, ".ts") || hasSuffix(name, ".mts") || hasSuffix(name, ".cts") || hasSuffix(name, ".tsx") else {
                return nil
            }
            if hasSuffix(name, ".d.ts") || hasSuffix(name, ".d.mts") || hasSuffix(name, ".d.cts") { return nil }
            if hasSuffix(name, ".test.ts") || hasSuffix(name, ".spec.ts") { return .tests }
            return .typeScriptSources
        case UInt8(ascii: "d"), UInt8(ascii: "n"):
            if hasSuffix(name, ".md") || hasSuffix(name, ".markdown") { return .docs }
            return nil
        case UInt8(ascii: "j"):
            if hasSuffix(name, ".test.js") || hasSuffix(name, ".spec.js") { return .tests }
            return nil
        default:
            return nil
        }
    }

    private static func hasSuffix(_ name: UnsafeBufferPointer<UInt8>, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard name.count >= count else { return false }
        let start = suffix.utf8Start
        var index = 0
        while index < count {
            if name[name.count - count + index] != start[index] { return false }
            index += 1
        }
        return true
    }
}
