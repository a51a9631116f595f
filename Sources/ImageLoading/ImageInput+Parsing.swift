import RemoteImages

extension ImageInput {
    /// The source prefixes syft uses, so users need not learn new ones.
    public static let prefixes = ["registry:", "docker:", "docker-archive:", "oci-archive:", "oci-dir:", "dir:"]

    /// Parses a command-line image argument: `registry:REF`, `docker:REF`, `docker-archive:PATH`,
    /// `oci-archive:PATH`, `oci-dir:PATH`, `dir:PATH` (skopeo's layout), `-`, or a bare path.
    /// Throws a one-line reason for an unusable reference.
    public static func parse(_ argument: String) throws(ImageInputSyntaxError) -> ImageInput {
        if argument == "-" { return .standardInput }
        for prefix in ["docker-archive:", "oci-archive:", "oci-dir:", "dir:"] where argument.hasPrefix(prefix) {
            let path = String(argument.dropFirst(prefix.count))
            guard !path.isEmpty else { throw ImageInputSyntaxError(argument: argument, reason: "\(prefix) needs a path") }
            return .path(path)
        }
        if argument.hasPrefix("registry:") {
            let text = String(argument.dropFirst("registry:".count))
            guard let reference = ImageReference(parsing: text) else {
                throw ImageInputSyntaxError(argument: argument, reason: "'\(text)' is not an image reference ([HOST[:PORT]/]NAME[:TAG][@sha256:DIGEST], lower case)")
            }
            return .registry(reference)
        }
        if argument.hasPrefix("docker:") {
            let name = String(argument.dropFirst("docker:".count))
            guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) else {
                throw ImageInputSyntaxError(argument: argument, reason: "docker: needs an image name or ID")
            }
            return .engine(name)
        }
        return .path(argument)
    }
}

/// An image argument that names no usable source.
public struct ImageInputSyntaxError: Error, CustomStringConvertible, Sendable {
    public var argument: String
    public var reason: String
    public var description: String { "\(argument): \(reason)" }
}
