import ImageModel

/// Everything `inspect` says about one image: the loaded image and the summaries made from it.
/// Renderers read this; they compute nothing that a test could not check against the model.
public struct ImageReport: Sendable {
    /// The input as the user named it.
    public var input: String
    public var image: LoadedImage
    public var summary: FilesystemSummary

    public init(input: String, image: LoadedImage, top: Int) {
        self.input = input
        self.image = image
        self.summary = FilesystemSummary(files: image.files, top: top)
    }
}

/// The JSON report's schema version. Bump it when a field changes meaning or disappears.
public let reportSchemaVersion: Int64 = 1
