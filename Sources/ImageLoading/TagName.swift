/// Compares image references the way users write them: "nginx" names "docker.io/library/nginx:latest".
enum TagName {
    static func normalise(_ reference: String) -> String {
        var name = reference
        for prefix in ["docker.io/library/", "docker.io/", "index.docker.io/library/", "index.docker.io/"]
        where name.hasPrefix(prefix) {
            name.removeFirst(prefix.count)
            break
        }
        if name.hasPrefix("library/") { name.removeFirst("library/".count) }
        let lastComponent = name.split(separator: "/").last ?? Substring(name)
        if !lastComponent.contains(":") && !name.contains("@") { name += ":latest" }
        return name
    }
}
