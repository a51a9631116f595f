import SizeAccounting
import StableJSON

/// A value a baseline file may set, clear (`null`) or leave to the file below it.
public enum Setting<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The key is absent: the value comes from defaults.
    case inherit
    /// The key is `null`: no value, whatever defaults say.
    case cleared
    case value(Value)

    /// This setting laid over `lower`.
    public func over(_ lower: Value?) -> Value? {
        switch self {
        case .inherit: return lower
        case .cleared: return nil
        case .value(let value): return value
        }
    }

    public var isInherit: Bool { self == .inherit }
}

/// A size as written in a baseline: its bytes and, when written as text, the text, so that
/// rewriting a baseline keeps "500MB" as a person wrote it.
public struct SizeSetting: Sendable, Equatable {
    public var bytes: Int64
    /// The text as written ("1.2GB"); nil when written as integer bytes.
    public var written: String?

    public init(bytes: Int64, written: String? = nil) {
        self.bytes = bytes
        self.written = written
    }
}

/// A percentage as written in a baseline: `5`, `2.5` or `"5%"`.
public struct PercentSetting: Sendable, Equatable {
    public var percent: Double
    public var written: JSONValue

    public init(percent: Double, written: JSONValue) {
        self.percent = percent
        self.written = written
    }
}

/// One baseline file as written: `Baselines/defaults.json` or `Baselines/NAME.json`.
/// Every key is optional; what a file leaves out comes from the file below it (see `GateRules`).
public struct BaselineDocument: Sendable, Equatable {
    /// The schema this plimsoll reads and writes.
    public static let currentSchemaVersion: Int64 = 1

    /// Free text for people: why the limits are what they are (JSON has no comments).
    public var description: String?
    /// `requireBaseline` (defaults.json only): every image checked must have its own NAME.json.
    public var requireBaseline: Bool?
    public var limits = Limits()
    public var compressed = CompressedLimits()
    public var growth = Growth()
    /// Budgets per category, sorted by name.
    public var categories: [CategoryBudget] = []
    public var ignorePaths: Setting<[PathPattern]> = .inherit
    /// The measurement growth is measured against (per-image files only).
    public var recorded: ImageMeasurement?

    public init() {}

    /// Absolute limits on the gated size (content bytes less ignored bytes).
    public struct Limits: Sendable, Equatable {
        /// Over this: the image warns.
        public var warn: Setting<SizeSetting> = .inherit
        /// Over this: the image fails.
        public var fail: Setting<SizeSetting> = .inherit
        /// Where the image must get to; never fails, reports progress.
        public var target: Setting<SizeSetting> = .inherit
        /// The size the way to `target` started from; `baseline record` fills it in.
        public var targetStart: Setting<SizeSetting> = .inherit

        public init() {}
    }

    /// Limits on the compressed (registry) size; skipped when that size is unknown.
    public struct CompressedLimits: Sendable, Equatable {
        public var warn: Setting<SizeSetting> = .inherit
        public var fail: Setting<SizeSetting> = .inherit

        public init() {}
    }

    /// Growth against the recorded measurement.
    public struct Growth: Sendable, Equatable {
        /// A growth smaller than this never trips a percent rule.
        public var floor: Setting<SizeSetting> = .inherit
        public var warn = GrowthLevel()
        public var fail = GrowthLevel()

        public init() {}
    }

    /// The two growth rules of one level.
    public struct GrowthLevel: Sendable, Equatable {
        public var bytes: Setting<SizeSetting> = .inherit
        public var percent: Setting<PercentSetting> = .inherit

        public init() {}
    }

    /// A ceiling on one category's bytes.
    public struct CategoryBudget: Sendable, Equatable {
        public var category: SizeCategory
        public var warn: Setting<SizeSetting> = .inherit
        public var fail: Setting<SizeSetting> = .inherit

        public init(category: SizeCategory, warn: Setting<SizeSetting> = .inherit, fail: Setting<SizeSetting> = .inherit) {
            self.category = category
            self.warn = warn
            self.fail = fail
        }
    }
}
