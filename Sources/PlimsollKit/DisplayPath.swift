/// How reports and messages name a file the user passed: as given when relative, by its last
/// component when absolute, so that reports never hold this machine's absolute paths.
enum DisplayPath {
    static func of(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let components = path.split(separator: "/")
        return components.last.map(String.init) ?? path
    }

    static func join(_ directory: String, _ file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }
}
