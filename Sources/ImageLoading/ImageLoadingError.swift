/// Why an input could not be analysed. Every case renders as one line that names the input and,
/// where it applies, the layer or entry.
public struct ImageLoadingError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Problem: Equatable, Sendable {
        case cannotOpen(String)
        case notATarball(String)
        case truncated(String)
        case corrupt(String)
        case notAnImage(String)
        case nullManifest(String)
        case missingBlob(path: String, referencedBy: String)
        case badMetadata(file: String, message: String)
        case metadataTooLarge(file: String, bytes: Int64, limit: Int64)
        case hostilePath(entry: String, reason: String)
        case absurdSize(entry: String, bytes: Int64)
        case noSuchPlatform(requested: String, available: [String])
        case ambiguousPlatform(available: [String])
        case noSuchImage(tag: String, available: [String])
        /// A registry or engine problem, already one line (`RemoteImageError`).
        case remote(String)
    }

    /// The input as the user named it ("-" for standard input).
    public var input: String
    public var problem: Problem
    /// The layer blob (path inside the tarball) the problem is in, if any.
    public var layer: String?

    public init(input: String, problem: Problem, layer: String? = nil) {
        self.input = input
        self.problem = problem
        self.layer = layer
    }

    /// Entry names in messages are cut to a readable length: the message stays one line.
    static func shortened(_ name: String) -> String {
        name.count > 120 ? String(name.prefix(60)) + "…" + String(name.suffix(59)) : name
    }

    public var description: String {
        let place = layer.map { "\(input): layer \($0)" } ?? input
        switch problem {
        case .cannotOpen(let why): return "\(place): cannot open: \(why)"
        case .notATarball(let why): return "\(place): not a tar archive: \(why)"
        case .truncated(let why): return "\(place): truncated archive: \(why)"
        case .corrupt(let why): return "\(place): corrupt archive: \(why)"
        case .notAnImage(let why): return "\(place): not an image: \(why)"
        case .nullManifest(let file): return "\(place): \(file) is null or empty and names no image"
        case .missingBlob(let path, let referencedBy):
            return "\(place): \(referencedBy) names '\(path)', which is not in the archive"
        case .badMetadata(let file, let message): return "\(place): \(file): \(message)"
        case .metadataTooLarge(let file, let bytes, let limit):
            return "\(place): \(file) is \(bytes) bytes, over the \(limit)-byte limit for image metadata"
        case .hostilePath(let entry, let reason): return "\(place): entry '\(Self.shortened(entry))': \(reason)"
        case .absurdSize(let entry, let bytes):
            return "\(place): entry '\(entry)' declares \(bytes) bytes, more than the archive can hold"
        case .noSuchPlatform(let requested, let available):
            return "\(place): no image for platform \(requested); available: \(available.joined(separator: ", "))"
        case .ambiguousPlatform(let available):
            return "\(place): several platforms and no linux/amd64; choose one with --platform: \(available.joined(separator: ", "))"
        case .noSuchImage(let tag, let available):
            let list = available.isEmpty ? "(no tags)" : available.joined(separator: ", ")
            return "\(place): no image tagged '\(tag)'; tags: \(list)"
        case .remote(let message): return "\(place): \(message)"
        }
    }
}
