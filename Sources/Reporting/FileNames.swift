/// Turns names (services, image tags) into file names that are safe on every file system and
/// distinct from each other.
public enum FileNames {
    /// One file name stem per name, in the same order: ASCII letters, digits, '.', '_' and '-'
    /// are kept, anything else ('/', ':', spaces) becomes '-'; a stem that would start with '.'
    /// gets a '-' in front; a clash gets "-2", "-3", ... in input order.
    public static func safe(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            var base = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
            if base.isEmpty || base.hasPrefix(".") { base = "-" + base }
            var candidate = base
            var suffix = 2
            while used.contains(candidate) {
                candidate = "\(base)-\(suffix)"
                suffix += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}
