import ImageModel
import Parallelism
import RemoteImages
import WireSize

/// What to read from an input and how.
public struct LoadOptions: Sendable {
    /// Only images of this platform; nil: the only platform, else linux/amd64, else an error.
    public var platform: Platform?
    /// Only the image with this tag.
    public var imageTag: String?
    /// Small files whose contents the later stages need.
    public var capture: CapturePolicy
    /// How many layers to scan at once when the input allows it (a seekable file or a directory).
    public var parallelism: Int
    /// How to size layers stored uncompressed on the wire: stored (none), estimate or exact.
    public var compressedSize: CompressedSizeOptions
    /// Called with the reading progress about ten times a second, from the scanning threads, and
    /// once when an input is done; nil (the default) costs nothing.
    public var progress: (@Sendable (LoadProgress) -> Void)?
    /// Registries, engines, and the layers already read in this run (see `RemoteSources`).
    public var remote = RemoteSources()
    /// Regular files of at least this many bytes are identified by content, so that identical
    /// copies can be found (`LoadedImage.fileDigests`); nil (the default) identifies none. The
    /// accountant sets it from its rules (`SizeAccountant.applying(to:)`).
    public var digestMinBytes: Int64?

    public init(
        platform: Platform? = nil, imageTag: String? = nil, capture: CapturePolicy = .nothing,
        parallelism: Int = LoadOptions.defaultParallelism, compressedSize: CompressedSizeOptions = .stored,
        progress: (@Sendable (LoadProgress) -> Void)? = nil
    ) {
        self.platform = platform
        self.imageTag = imageTag
        self.capture = capture
        self.parallelism = max(1, parallelism)
        self.compressedSize = compressedSize
        self.progress = progress
    }

    /// One scan per core (nested in images checked in parallel, the cores are shared: `CoreBudget`).
    public static var defaultParallelism: Int { CoreBudget.processorCount }
}

/// Where an image tarball comes from.
public enum ImageInput: Sendable, Equatable {
    /// A tarball (any layout, optionally gzip/zstd as a whole) or an OCI layout directory.
    case path(String)
    /// A tarball on standard input (`docker save x | plimsoll inspect -`).
    case standardInput
    /// An image in a registry (`registry:REF`), read over the OCI distribution API.
    case registry(ImageReference)
    /// An image in a Docker Engine (`docker:REF`), read through the Engine API.
    case engine(String)

    /// The name errors and reports use for the input.
    public var displayName: String {
        switch self {
        case .path(let path): return path
        case .standardInput: return "-"
        case .registry(let reference): return "registry:\(reference)"
        case .engine(let name): return "docker:\(name)"
        }
    }
}
