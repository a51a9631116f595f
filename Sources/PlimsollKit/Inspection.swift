import ImageLoading
import ImageModel
import Reporting

/// The `inspect` use case: load each input and build its reports. Failures are per input, so one
/// unreadable tarball does not hide the others.
public struct Inspection: Sendable {
    public var loadOptions: LoadOptions
    /// How many largest files and directories to list.
    public var top: Int

    public init(loadOptions: LoadOptions = LoadOptions(), top: Int = 10) {
        self.loadOptions = loadOptions
        self.top = top
    }

    /// Every image of every input, in input order; errors in the inputs' places.
    public func run(_ inputs: [ImageInput]) -> [Result<[ImageReport], ImageLoadingError>] {
        let loader = ImageLoader(options: loadOptions)
        return inputs.map { input in
            Result { () throws(ImageLoadingError) in
                try loader.load(input).map { ImageReport(input: input.displayName, image: $0, top: top) }
            }
        }
    }
}
