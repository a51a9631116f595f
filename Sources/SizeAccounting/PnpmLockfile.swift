/// pnpm's `pnpm-lock.yaml`, read for which packages pnpm resolved for development only: the
/// cross-check of the graph's scopes for pnpm installs, as npm's hidden lockfile is for npm's.
///
/// Lockfile versions read (pnpm's lockfile types):
/// - 6.0 (pnpm 8): `importers` (a workspace) or the root's own `dependencies`/`devDependencies`/
///   `optionalDependencies` (one project), each name mapping to `{specifier, version}`; `packages`
///   keyed "/name@version(peers)", each with `dev: true` (dev only), `dev: false` (prod only) or
///   no `dev` (both, so prod).
/// - 7.0 (pnpm 9 pre-releases): `importers`; `packages` for resolutions and `snapshots` for the
///   graph, where the `dev` flags moved.
/// - 9.0 (pnpm 9 and 10): `importers`, `packages` and `snapshots` keyed "name@version(peers)",
///   without `dev` flags: dev-ness is derived here, as pnpm itself did for the flags. Prod is what
///   some importer's `dependencies` or `optionalDependencies` reach through the snapshots'
///   `dependencies` and `optionalDependencies`; dev is what only `devDependencies` reach.
/// Other versions throw `Unreadable`. Fields of the wrong type are absent (see `LenientMap`).
struct PnpmLockfile: Sendable {
    static let fileName = "pnpm-lock.yaml"

    /// `lockfileVersion` as written ("9.0").
    var version: String
    /// Package key ("jest@29.7.0(@types/node@20.1.0)", no leading slash) -> resolved for
    /// development only.
    var devByKey: [String: Bool]

    /// Keys whose package is dev only, sorted.
    var devKeys: [String] { devByKey.filter(\.value).map(\.key).sorted() }

    static func parse(_ bytes: [UInt8]) throws(ThirdPartyDocument.Unreadable) -> PnpmLockfile {
        let document = try ThirdPartyDocument.yaml(Document.self, from: bytes)
        guard let version = document.lockfileVersion else {
            throw ThirdPartyDocument.Unreadable(reason: "no lockfileVersion")
        }
        let major = version.split(separator: ".").first.flatMap { Int($0) }
        switch major {
        case 6, 7: return PnpmLockfile(version: version, devByKey: document.flaggedDevByKey())
        case 9: return PnpmLockfile(version: version, devByKey: document.reachableDevByKey())
        default:
            throw ThirdPartyDocument.Unreadable(reason: "lockfile version \(version) is not one this build reads (6.0, 7.0, 9.0)")
        }
    }

    /// The key a dependency reference points at: `version` is "1.2.3(peer@1)", an alias's own key
    /// ("/other@1.0.0" in 6.0, "other@1.0.0" in 9.0) or a workspace link (nil: importers are roots
    /// of their own).
    static func key(name: String, reference: String) -> String? {
        if reference.hasPrefix("link:") || reference.isEmpty { return nil }
        if reference.hasPrefix("/") { return String(reference.dropFirst()) }
        let head = reference.prefix { $0 != "(" }
        if head.dropFirst().contains("@") { return reference }
        return name + "@" + reference
    }

    /// The directory pnpm makes for a key in its virtual store (`node_modules/.pnpm/<here>`), as
    /// pnpm's `depPathToFilename` does: "@scope/a@1.0.0(b@2)(c@3)" -> "@scope+a@1.0.0_b@2_c@3". Nil
    /// where pnpm would shorten the name with a hash (over 120 characters, or upper case).
    static func storeDirectory(_ key: String) -> String? {
        var name = String(key.map { "\\/:*?\"<>|".contains($0) ? "+" : $0 })
        if name.contains("(") {
            if name.hasSuffix(")") { name.removeLast() }
            name = name.replacing(")(", with: "_").replacing("(", with: "_").replacing(")", with: "_")
        }
        guard name.count <= 120, name == name.lowercased() || name.hasPrefix("file+") else { return nil }
        return name
    }

    /// "name@version" of a key, without the peer suffix.
    static func nameAndVersion(_ key: String) -> String { String(key.prefix { $0 != "(" }) }
}

extension PnpmLockfile {
    /// The file as decoded.
    fileprivate struct Document: Decodable {
        var lockfileVersion: String?
        var importers: [Importer] = []
        var packages = LenientMap<Snapshot>()
        var snapshots = LenientMap<Snapshot>()

        private enum Key: String, CodingKey {
            case lockfileVersion, importers, packages, snapshots, dependencies, devDependencies, optionalDependencies
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            lockfileVersion = container.lenient(String.self, .lockfileVersion)
            if let importers = container.lenient(LenientMap<Importer>.self, .importers) {
                self.importers = importers.entries.map(\.value)
            } else {
                // One project (6.0): its sections sit at the top of the file.
                self.importers = [try Importer(from: decoder)]
            }
            packages = container.lenient(LenientMap<Snapshot>.self, .packages) ?? LenientMap()
            snapshots = container.lenient(LenientMap<Snapshot>.self, .snapshots) ?? LenientMap()
        }

        /// The entries of the graph: `snapshots` (7.0, 9.0), or `packages` (6.0).
        var graph: LenientMap<Snapshot> { snapshots.entries.isEmpty ? packages : snapshots }

        /// 6.0 and 7.0: the `dev` flags.
        func flaggedDevByKey() -> [String: Bool] {
            var result: [String: Bool] = [:]
            for (key, snapshot) in graph.entries { result[Self.normalised(key)] = snapshot.dev == true }
            return result
        }

        /// 9.0: reachability from the importers, prod first.
        func reachableDevByKey() -> [String: Bool] {
            var edges: [String: [String]] = [:]
            for (key, snapshot) in graph.entries {
                edges[Self.normalised(key)] = (snapshot.dependencies.entries + snapshot.optionalDependencies.entries).compactMap {
                    PnpmLockfile.key(name: $0.key, reference: $0.value)
                }
            }
            var result: [String: Bool] = [:]
            func walk(_ start: [String], dev: Bool) {
                var queue = start
                while let key = queue.popLast() {
                    guard result[key] == nil, let next = edges[key] else { continue }
                    result[key] = dev
                    queue.append(contentsOf: next)
                }
            }
            walk(importers.flatMap { $0.references(\.dependencies) + $0.references(\.optionalDependencies) }, dev: false)
            walk(importers.flatMap { $0.references(\.devDependencies) }, dev: true)
            return result
        }

        static func normalised(_ key: String) -> String { key.hasPrefix("/") ? String(key.dropFirst()) : key }
    }

    /// One project of the workspace (or the only one).
    fileprivate struct Importer: Decodable {
        var dependencies = LenientMap<Reference>()
        var devDependencies = LenientMap<Reference>()
        var optionalDependencies = LenientMap<Reference>()

        private enum Key: String, CodingKey { case dependencies, devDependencies, optionalDependencies }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            dependencies = container.lenient(LenientMap<Reference>.self, .dependencies) ?? LenientMap()
            devDependencies = container.lenient(LenientMap<Reference>.self, .devDependencies) ?? LenientMap()
            optionalDependencies = container.lenient(LenientMap<Reference>.self, .optionalDependencies) ?? LenientMap()
        }

        func references(_ section: KeyPath<Importer, LenientMap<Reference>>) -> [String] {
            self[keyPath: section].entries.compactMap { PnpmLockfile.key(name: $0.key, reference: $0.value.version) }
        }
    }

    /// An importer's dependency: `{specifier, version}`, or the bare version older files wrote.
    fileprivate struct Reference: Decodable {
        var version: String

        private enum Key: String, CodingKey { case version }

        init(from decoder: Decoder) throws {
            if let bare = try? decoder.singleValueContainer().decode(String.self) {
                version = bare
            } else {
                version = try decoder.container(keyedBy: Key.self).decode(String.self, forKey: .version)
            }
        }
    }

    /// A `packages` or `snapshots` entry: what the accountant needs of it.
    fileprivate struct Snapshot: Decodable {
        var dev: Bool?
        var dependencies = LenientMap<String>()
        var optionalDependencies = LenientMap<String>()

        private enum Key: String, CodingKey { case dev, dependencies, optionalDependencies }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            dev = container.lenient(Bool.self, .dev)
            dependencies = container.lenient(LenientMap<String>.self, .dependencies) ?? LenientMap()
            optionalDependencies = container.lenient(LenientMap<String>.self, .optionalDependencies) ?? LenientMap()
        }
    }
}
