import ImageLoading
import ImageModel
import SizeGate

/// The `baseline record` use case: measure an image and store the measurement in its baseline
/// file, keeping every limit, budget and description people wrote there.
public struct BaselineRecording: Sendable {
    public var environment: Environment
    public var baselines: BaselineStore
    public var loadOptions: LoadOptions
    public var explicitName: String?
    /// Categories and packages for an image (the size accountant's seam).
    public var breakdown: @Sendable (LoadedImage) -> MeasurementBreakdown

    public init(
        environment: Environment, baselines: BaselineStore, loadOptions: LoadOptions = LoadOptions(), explicitName: String? = nil,
        breakdown: @escaping @Sendable (LoadedImage) -> MeasurementBreakdown = { _ in .none }
    ) {
        self.environment = environment
        self.baselines = baselines
        self.loadOptions = loadOptions
        self.explicitName = explicitName
        self.breakdown = breakdown
    }

    /// What was recorded.
    public struct Recorded: Sendable {
        public var name: String
        /// The baseline file written.
        public var path: String
        public var measurement: Measurement
        /// True when the file did not exist before.
        public var created: Bool
        /// Set when this recording filled in `limits.targetStart`.
        public var targetStartBytes: Int64?
    }

    /// Measures the one image of `input` and writes its baseline file.
    public func record(_ input: ImageInput) throws(GateUseCaseError) -> Recorded {
        let images: [LoadedImage]
        do {
            images = try ImageLoader(options: loadOptions).load(input)
        } catch {
            throw GateUseCaseError(error)
        }
        guard images.count == 1, let image = images.first else {
            let tags = images.flatMap(\.tags)
            throw GateUseCaseError(
                "\(DisplayPath.of(input.displayName)): holds \(images.count) images; choose one with --image (tags: \(tags.joined(separator: ", ")))")
        }
        let name = ImageNaming.name(explicit: explicitName, tags: image.tags, input: input.displayName, digest: image.configDigest)
        let resolved: BaselineStore.Resolved
        do {
            resolved = try baselines.resolve(name: name)
        } catch {
            throw GateUseCaseError(error)
        }
        let extra = breakdown(image)
        let measurement = Measurement(
            image: image, name: name, recordedAt: environment.clock.now(), categories: extra.categories,
            packages: extra.packages, ignorePaths: resolved.rules.ignorePaths)
        var document = resolved.document ?? BaselineDocument()
        document.recorded = measurement
        var targetStart: Int64?
        // The way to a target starts at the first measurement recorded while the target is set.
        if resolved.rules.targetBytes != nil, resolved.rules.targetStartBytes == nil {
            targetStart = measurement.gatedBytes
            document.limits.targetStart = .value(SizeSetting(bytes: measurement.gatedBytes))
        }
        do {
            try baselines.write(document, name: name)
        } catch {
            throw GateUseCaseError(error)
        }
        return Recorded(
            name: name, path: baselines.path(for: name), measurement: measurement, created: resolved.document == nil,
            targetStartBytes: targetStart)
    }
}
