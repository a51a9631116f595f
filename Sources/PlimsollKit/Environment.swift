import Charts
import Foundation
import SizeGate

/// The one source of the current time. Reports, history and baselines take their timestamps from
/// it, so tests (and reproducible builds, through `SOURCE_DATE_EPOCH`) can fix it.
public protocol WallClock: Sendable {
    func now() -> UTCTimestamp
}

/// The machine's clock.
public struct SystemClock: WallClock {
    public init() {}
    /// Now, to the second.
    public func now() -> UTCTimestamp { UTCTimestamp(seconds: Int64(time(nil))) }
}

/// A clock that always says the same time.
public struct FixedClock: WallClock {
    public var timestamp: UTCTimestamp
    public init(_ timestamp: UTCTimestamp) { self.timestamp = timestamp }
    /// The fixed time.
    public func now() -> UTCTimestamp { timestamp }
}

/// What the use cases take from the world besides files: the clock, randomness for unique file
/// names, and the process's environment variables (CI settings such as `GITHUB_STEP_SUMMARY`).
/// Passed in, never reached for, so that tests can fix all three.
public struct Environment: Sendable {
    public var clock: any WallClock
    /// `count` random lower-case hex digits.
    public var randomHex: @Sendable (_ count: Int) -> String
    /// Environment variables; empty unless given.
    public var variables: [String: String]

    public init(
        clock: any WallClock, randomHex: @escaping @Sendable (Int) -> String = Environment.systemRandomHex,
        variables: [String: String] = [:]
    ) {
        self.clock = clock
        self.randomHex = randomHex
        self.variables = variables
    }

    /// A bad `SOURCE_DATE_EPOCH`.
    public struct InvalidEpoch: Error, CustomStringConvertible, Sendable {
        public var value: String
        public var description: String {
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '\(value)'"
        }
    }

    /// The real environment: the system clock, unless `SOURCE_DATE_EPOCH` fixes the time.
    public static func live(variables: [String: String] = ProcessInfo.processInfo.environment) throws(InvalidEpoch) -> Environment {
        if let text = variables["SOURCE_DATE_EPOCH"], !text.isEmpty {
            guard let seconds = Int64(text), seconds >= 0 else { throw InvalidEpoch(value: text) }
            return Environment(clock: FixedClock(UTCTimestamp(seconds: seconds)), variables: variables)
        }
        return Environment(clock: SystemClock(), variables: variables)
    }

    @Sendable public static func systemRandomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<max(0, count)).map { _ in digits[Int(generator.next() % 16)] })
    }
}
