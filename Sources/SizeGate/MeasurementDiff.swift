import SizeAccounting

/// What changed between two measurements of an image: totals, categories, layers and packages,
/// each list with the largest movers first (by absolute change, then by name).
public struct MeasurementDiff: Sendable, Equatable {
    public var old: ImageMeasurement
    public var new: ImageMeasurement
    public var totals: [TotalChange]
    public var categories: [CategoryChange]
    public var layers: [LayerChange]
    public var packages: [PackageChange]

    /// One total (`content`, `final`, `wasted`, `compressed`).
    public struct TotalChange: Sendable, Equatable {
        public var measure: String
        public var oldBytes: Int64?
        public var newBytes: Int64?
        /// Nil when either side is unknown.
        public var deltaBytes: Int64? {
            guard let oldBytes, let newBytes else { return nil }
            return newBytes - oldBytes
        }
    }

    public struct CategoryChange: Sendable, Equatable {
        public var category: SizeCategory
        public var oldBytes: Int64
        public var newBytes: Int64
        public var deltaBytes: Int64 { newBytes - oldBytes }
    }

    public struct LayerChange: Sendable, Equatable {
        public enum Status: String, Sendable {
            /// Same diff ID: byte-for-byte the same layer.
            case unchanged
            /// Paired by history step, different content.
            case changed
            case added
            case removed
        }

        /// How an old and a new layer were paired.
        public enum Match: String, Sendable {
            case diffID
            case historyStep
            case none
        }

        public var status: Status
        public var match: Match
        public var oldIndex: Int?
        public var newIndex: Int?
        public var createdBy: String?
        public var oldBytes: Int64
        public var newBytes: Int64
        public var deltaBytes: Int64 { newBytes - oldBytes }
    }

    public struct PackageChange: Sendable, Equatable {
        public enum Status: String, Sendable {
            case added
            case removed
            case upgraded
            case downgraded
            case grown
            case shrunk
            case unchanged
        }

        public var status: Status
        public var ecosystem: InstalledPackage.Ecosystem
        public var name: String
        public var oldVersion: String?
        public var newVersion: String?
        public var oldBytes: Int64
        public var newBytes: Int64
        public var deltaBytes: Int64 { newBytes - oldBytes }
    }

    public init(old: ImageMeasurement, new: ImageMeasurement) {
        self.old = old
        self.new = new
        totals = [
            TotalChange(measure: "content", oldBytes: old.contentBytes, newBytes: new.contentBytes),
            TotalChange(measure: "final", oldBytes: old.finalBytes, newBytes: new.finalBytes),
            TotalChange(measure: "wasted", oldBytes: old.wastedBytes, newBytes: new.wastedBytes),
            TotalChange(measure: "compressed", oldBytes: old.compressedBytes, newBytes: new.compressedBytes),
        ]
        var seen: [SizeCategory] = []
        for total in old.categories + new.categories where !seen.contains(total.category) { seen.append(total.category) }
        categories = seen.map { category in
            CategoryChange(
                category: category, oldBytes: old.categoryBytes(category) ?? 0, newBytes: new.categoryBytes(category) ?? 0)
        }
        .sorted { Self.moverFirst(abs($0.deltaBytes), $0.category.rawValue, abs($1.deltaBytes), $1.category.rawValue) }
        layers = Self.matchLayers(old: old.layers, new: new.layers)
        packages = Self.matchPackages(old: old.packages, new: new.packages)
    }

    /// Gated bytes now minus then.
    public var gatedDeltaBytes: Int64 { new.gatedBytes - old.gatedBytes }

    static func moverFirst(_ lhsMagnitude: Int64, _ lhsName: String, _ rhsMagnitude: Int64, _ rhsName: String) -> Bool {
        lhsMagnitude != rhsMagnitude ? lhsMagnitude > rhsMagnitude : lhsName < rhsName
    }

    /// Pairs layers by diff ID first, then the rest by identical history step in stack order.
    static func matchLayers(old: [LayerMeasurement], new: [LayerMeasurement]) -> [LayerChange] {
        var oldLeft = old
        var newLeft: [LayerMeasurement] = []
        var changes: [LayerChange] = []
        for layer in new {
            if let diffID = layer.diffID, let position = oldLeft.firstIndex(where: { $0.diffID == diffID }) {
                let before = oldLeft.remove(at: position)
                changes.append(
                    LayerChange(
                        status: .unchanged, match: .diffID, oldIndex: before.index, newIndex: layer.index,
                        createdBy: layer.createdBy, oldBytes: before.contentBytes, newBytes: layer.contentBytes))
            } else {
                newLeft.append(layer)
            }
        }
        for layer in newLeft {
            let step = normalisedStep(layer.createdBy)
            if !step.isEmpty, let position = oldLeft.firstIndex(where: { normalisedStep($0.createdBy) == step }) {
                let before = oldLeft.remove(at: position)
                changes.append(
                    LayerChange(
                        status: .changed, match: .historyStep, oldIndex: before.index, newIndex: layer.index,
                        createdBy: layer.createdBy, oldBytes: before.contentBytes, newBytes: layer.contentBytes))
            } else {
                changes.append(
                    LayerChange(
                        status: .added, match: .none, oldIndex: nil, newIndex: layer.index, createdBy: layer.createdBy,
                        oldBytes: 0, newBytes: layer.contentBytes))
            }
        }
        for layer in oldLeft {
            changes.append(
                LayerChange(
                    status: .removed, match: .none, oldIndex: layer.index, newIndex: nil, createdBy: layer.createdBy,
                    oldBytes: layer.contentBytes, newBytes: 0))
        }
        return changes.sorted {
            let lhs = abs($0.deltaBytes)
            let rhs = abs($1.deltaBytes)
            if lhs != rhs { return lhs > rhs }
            return ($0.newIndex ?? $0.oldIndex ?? 0, $0.oldIndex ?? -1) < ($1.newIndex ?? $1.oldIndex ?? 0, $1.oldIndex ?? -1)
        }
    }

    /// History steps compare without BuildKit's trailing marker and surrounding space.
    static func normalisedStep(_ createdBy: String?) -> String {
        var text = (createdBy ?? "").trimmed(of: " \t\n")
        if text.hasSuffix("# buildkit") { text = String(text.dropLast("# buildkit".count)).trimmed(of: " \t\n") }
        return text
    }

    /// Pairs packages by (ecosystem, name, version), then the rest by (ecosystem, name) as version
    /// changes.
    static func matchPackages(old: [InstalledPackage], new: [InstalledPackage]) -> [PackageChange] {
        var oldLeft = old
        var newLeft: [InstalledPackage] = []
        var changes: [PackageChange] = []
        for package in new {
            if let position = oldLeft.firstIndex(where: {
                $0.ecosystem == package.ecosystem && $0.name == package.name && $0.version == package.version
            }) {
                let before = oldLeft.remove(at: position)
                let status: PackageChange.Status =
                    package.sizeBytes > before.sizeBytes ? .grown : package.sizeBytes < before.sizeBytes ? .shrunk : .unchanged
                changes.append(change(status, before, package))
            } else {
                newLeft.append(package)
            }
        }
        for package in newLeft {
            if let position = oldLeft.firstIndex(where: { $0.ecosystem == package.ecosystem && $0.name == package.name }) {
                let before = oldLeft.remove(at: position)
                let newer = VersionOrder.compare(package.version ?? "", before.version ?? "") >= 0
                changes.append(change(newer ? .upgraded : .downgraded, before, package))
            } else {
                changes.append(change(.added, nil, package))
            }
        }
        for package in oldLeft { changes.append(change(.removed, package, nil)) }
        return changes.sorted {
            let lhs = abs($0.deltaBytes)
            let rhs = abs($1.deltaBytes)
            if lhs != rhs { return lhs > rhs }
            return ($0.ecosystem.rawValue, $0.name, $0.newVersion ?? $0.oldVersion ?? "")
                < ($1.ecosystem.rawValue, $1.name, $1.newVersion ?? $1.oldVersion ?? "")
        }
    }

    private static func change(_ status: PackageChange.Status, _ old: InstalledPackage?, _ new: InstalledPackage?) -> PackageChange {
        PackageChange(
            status: status, ecosystem: new?.ecosystem ?? old?.ecosystem ?? .npm, name: new?.name ?? old?.name ?? "",
            oldVersion: old?.version, newVersion: new?.version, oldBytes: old?.sizeBytes ?? 0, newBytes: new?.sizeBytes ?? 0)
    }
}

/// Orders version strings the way people read them: runs of digits compare as numbers
/// ("1.10.0" > "1.9.2"), everything else character by character.
enum VersionOrder {
    /// -1, 0 or 1.
    static func compare(_ lhs: String, _ rhs: String) -> Int {
        let left = chunks(lhs)
        let right = chunks(rhs)
        for (a, b) in zip(left, right) where a != b {
            if let x = UInt64(a), let y = UInt64(b) { return x < y ? -1 : 1 }
            return a < b ? -1 : 1
        }
        return left.count == right.count ? 0 : left.count < right.count ? -1 : 1
    }

    private static func chunks(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var currentIsDigit: Bool?
        for character in text {
            let isDigit = character.isASCII && character.isNumber
            if let kind = currentIsDigit, kind != isDigit {
                result.append(current)
                current = ""
            }
            current.append(character)
            currentIsDigit = isDigit
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
