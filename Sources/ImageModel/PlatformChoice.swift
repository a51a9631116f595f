/// The one rule for which platforms of a multi-platform image to read, for tarballs and
/// registries alike: the requested one; else, when there are several, linux/amd64; else an error.
public enum PlatformChoice: Equatable, Sendable {
    /// Read these items (indexes into the list given).
    case chosen([Int])
    /// The requested platform is not there.
    case noSuchPlatform(requested: Platform, available: [String])
    /// Several platforms, none linux/amd64, and none requested.
    case ambiguous(available: [String])

    /// Chooses among items with these platforms (nil: the item states none).
    public static func choose(_ platforms: [Platform?], requested: Platform?) -> PlatformChoice {
        let available = Set(platforms.compactMap { $0 }).sorted().map(\.description)
        let all = Array(platforms.indices)
        if let requested {
            let matching = all.filter { platforms[$0].map(requested.selects) ?? false }
            return matching.isEmpty ? .noSuchPlatform(requested: requested, available: available) : .chosen(matching)
        }
        guard available.count > 1 else { return .chosen(all) }
        let amd64 = all.filter { platforms[$0].map(Platform.linuxAMD64.selects) ?? false }
        return amd64.isEmpty ? .ambiguous(available: available) : .chosen(amd64)
    }
}
