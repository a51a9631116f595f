import StableJSON

/// npm 7+'s hidden lockfile, `node_modules/.package-lock.json`: which installed packages npm
/// considers dev-only.
struct NpmHiddenLockfile: Sendable {
    struct Entry: Sendable {
        /// Relative to the project directory: "node_modules/a/node_modules/b".
        var path: String
        var dev: Bool
        /// Needed by dev and optional dependencies only: neither clearly dev nor prod.
        var devOptional: Bool
    }

    var entries: [Entry]

    static func parse(_ bytes: [UInt8]) -> NpmHiddenLockfile? {
        guard let document = try? JSONParser.parse(bytes), let packages = document["packages"]?.objectValue else {
            return nil
        }
        var entries: [Entry] = []
        for member in packages where member.key.hasPrefix("node_modules/") {
            if member.value["link"]?.boolValue == true { continue }
            entries.append(Entry(
                path: member.key, dev: member.value["dev"]?.boolValue ?? false,
                devOptional: member.value["devOptional"]?.boolValue ?? false))
        }
        return NpmHiddenLockfile(entries: entries)
    }
}
