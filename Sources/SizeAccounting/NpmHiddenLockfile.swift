/// npm 7+'s hidden lockfile, `node_modules/.package-lock.json`: which installed packages npm
/// considers dev-only. Entries that are not objects, and flags that are not booleans, are read as
/// absent; a file that is not a JSON object with a `packages` object is unreadable.
struct NpmHiddenLockfile: Sendable, Decodable {
    struct Entry: Sendable, Decodable {
        /// Relative to the project directory: "node_modules/a/node_modules/b".
        var path = ""
        var dev = false
        /// Needed by dev and optional dependencies only: neither clearly dev nor prod.
        var devOptional = false
        /// A link to a workspace package, not a copy.
        var link = false

        private enum Key: String, CodingKey { case dev, devOptional, link }

        init(path: String, dev: Bool, devOptional: Bool) {
            self.path = path
            self.dev = dev
            self.devOptional = devOptional
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            dev = container.lenient(Bool.self, .dev) ?? false
            devOptional = container.lenient(Bool.self, .devOptional) ?? false
            link = container.lenient(Bool.self, .link) ?? false
        }
    }

    /// In path order.
    var entries: [Entry]

    private enum Key: String, CodingKey { case packages }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let packages = try container.decode(LenientMap<Entry>.self, forKey: .packages)
        entries = packages.entries.compactMap { member in
            guard member.key.hasPrefix("node_modules/"), !member.value.link else { return nil }
            var entry = member.value
            entry.path = member.key
            return entry
        }
    }

    static func parse(_ bytes: [UInt8]) throws(ThirdPartyDocument.Unreadable) -> NpmHiddenLockfile {
        try ThirdPartyDocument.json(NpmHiddenLockfile.self, from: bytes)
    }
}
