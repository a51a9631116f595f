import ImageLoading
import ImageModel
import Reporting
import SizeAccounting

/// The `inspect` use case: load each input, account for its bytes and build its reports. Failures
/// are per input, so one unreadable tarball does not hide the others.
public struct Inspection: Sendable {
    public var loadOptions: LoadOptions
    /// How many largest files, directories and packages to list.
    public var top: Int
    /// Labels every byte; its rules also decide which small files the loader captures.
    public var accountant: SizeAccountant

    /// - Parameter loadOptions: platform, tag and parallelism; the capture policy is replaced by
    ///   what `accountant` needs.
    public init(loadOptions: LoadOptions = LoadOptions(), top: Int = 10, accountant: SizeAccountant) {
        self.loadOptions = accountant.applying(to: loadOptions)
        self.top = top
        self.accountant = accountant
    }

    /// Every image of every input, in input order; errors in the inputs' places.
    public func run(_ inputs: [ImageInput]) -> [Result<[ImageReport], ImageLoadingError>] {
        let loader = ImageLoader(options: loadOptions)
        return inputs.map { input in
            Result { () throws(ImageLoadingError) in
                try loader.load(input).map { image in
                    ImageReport(input: input.displayName, image: image, top: top, ledger: accountant.account(image))
                }
            }
        }
    }

    /// `inspect --format html --out DIR`: one self-contained page per image, `DIR/NAME.html`
    /// (names made safe and unique), written atomically. Returns the paths written, in order.
    public func writePages(_ reports: [ImageReport], to directory: String, bytes: ByteFormatter) throws(AtomicFile.Failure) -> [String] {
        let renderer = ImageHTML(bytes: bytes)
        var written: [String] = []
        for (report, name) in zip(reports, FileNames.safe(reports.map(\.image.name))) {
            let path = directory + "/" + name + ".html"
            try AtomicFile.write(renderer.render(report), to: path)
            written.append(path)
        }
        return written
    }
}
