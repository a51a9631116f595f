/// How an image gets the name its baseline and reports are filed under.
public enum ImageNaming {
    /// `--name` when given; else the repository part of the first tag
    /// (`registry.example.com:5000/team/api-gateway:1.2` → `api-gateway`); else the input's file
    /// name without its archive extensions (`Examples/pass.tar.gz` → `pass`); else
    /// `image-<12 hex of the digest>`.
    public static func name(explicit: String?, tags: [String], input: String, digest: String?) -> String {
        if let explicit { return explicit }
        if let tag = tags.first, let repository = repository(of: tag), !repository.isEmpty { return repository }
        let file = input.split(separator: "/").last.map(String.init) ?? input
        var stem = file
        for suffix in [".gz", ".zst", ".tgz", ".tar"] where stem.hasSuffix(suffix) {
            stem = String(stem.dropLast(suffix.count))
        }
        if input != "-", !stem.isEmpty, validate(stem) == nil { return stem }
        return "image-" + HistoryRecord.digestPart(digest)
    }

    /// The last path component of a reference, without tag or digest.
    public static func repository(of reference: String) -> String? {
        var text = Substring(reference)
        if let at = text.firstIndex(of: "@") { text = text[..<at] }
        let last = text.split(separator: "/").last ?? text
        // A colon in the last component separates the tag (a registry port is never last).
        let repository = last.split(separator: ":", maxSplits: 1).first.map(String.init) ?? String(last)
        return repository.isEmpty ? nil : repository
    }

    /// Why `name` cannot name a baseline file, or nil when it can: letters, digits, '.', '_' and
    /// '-', not starting with '.', and not `defaults` or `summary`.
    public static func validate(_ name: String) -> String? {
        if name.isEmpty { return "a name cannot be empty" }
        if name.hasPrefix(".") { return "'\(name)' cannot start with '.'" }
        if name == "defaults" { return "'defaults' is the name of the shared defaults file" }
        if name == "summary" { return "'summary' is the name of the run's summary report" }
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
        return allowed ? nil : "'\(name)' may hold only letters, digits, '.', '_' and '-'"
    }
}
