/// An image platform, `os/architecture[/variant]`, as `--platform` spells it.
public struct Platform: Sendable, Hashable, CustomStringConvertible, Comparable {
    public var os: String
    public var architecture: String
    public var variant: String?

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = (variant?.isEmpty ?? true) ? nil : variant
    }

    /// Parses "linux/amd64" or "linux/arm64/v8"; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(os: parts[0], architecture: parts[1], variant: parts.count == 3 ? parts[2] : nil)
    }

    public var description: String {
        variant.map { "\(os)/\(architecture)/\($0)" } ?? "\(os)/\(architecture)"
    }

    /// Whether `self`, as requested by a user, selects `other`: a request without a variant
    /// matches any variant.
    public func selects(_ other: Platform) -> Bool {
        os == other.os && architecture == other.architecture
            && (variant == nil || variant == other.variant)
    }

    public static func < (lhs: Platform, rhs: Platform) -> Bool { lhs.description < rhs.description }

    public static let linuxAMD64 = Platform(os: "linux", architecture: "amd64")
}
