import ImageLoading
import ImageModel
import Reporting
import SizeAccounting
import SizeGate

/// The `baseline record` use case: measure an image and store the measurement in its baseline
/// file, keeping every limit, budget and description people wrote there.
public struct BaselineRecording: Sendable {
    public var environment: Environment
    public var baselines: BaselineStore
    public var loadOptions: LoadOptions
    public var explicitName: String?
    /// Labels every byte: the recorded categories and packages.
    public var accountant: SizeAccountant

    /// - Parameter loadOptions: the capture policy is replaced by what `accountant` needs.
    public init(
        environment: Environment, baselines: BaselineStore, loadOptions: LoadOptions = LoadOptions(), explicitName: String? = nil,
        accountant: SizeAccountant
    ) {
        self.environment = environment
        self.baselines = baselines
        self.loadOptions = accountant.applying(to: loadOptions)
        self.explicitName = explicitName
        self.accountant = accountant
    }

    /// What was recorded.
    public struct Recorded: Sendable {
        public var name: String
        /// The baseline file written.
        public var path: String
        public var measurement: ImageMeasurement
        /// True when the file did not exist before.
        public var created: Bool
        /// Set when this recording filled in `limits.targetStart`.
        public var targetStartBytes: Int64?
    }

    /// Measures the one image of `input` and writes its baseline file.
    public func record(_ input: ImageInput) throws(GateUseCaseError) -> Recorded {
        // Never create the directory: a mistyped --baselines must not start a second one.
        do {
            try baselines.checkDirectory()
        } catch {
            throw GateUseCaseError(error)
        }
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
        let measurement = ImageMeasurement(
            image: image, name: name, recordedAt: environment.clock.now(), ledger: accountant.account(image),
            ignorePaths: resolved.rules.ignorePaths)
        var document = resolved.document ?? BaselineDocument()
        document.recorded = measurement
        var targetStart: Int64?
        // The way to a target starts at the first measurement recorded while the target is set.
        if let target = resolved.rules.targetBytes, resolved.rules.targetStartBytes == nil {
            let start = Self.targetStart(measured: measurement.gatedBytes, target: target)
            targetStart = start.bytes
            document.limits.targetStart = .value(start)
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

    /// The start of the way to `target`, written as people write sizes ("7.19GB": three
    /// significant digits, rounded up so that the start is never below the measurement) and never
    /// below the target: an image already under its target starts at the target, no way to go.
    static func targetStart(measured: Int64, target: Int64) -> SizeSetting {
        let bytes = max(measured, target)
        for (unit, size) in [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)] where Double(bytes) >= size {
            let value = Double(bytes) / size
            let decimals = value < 10 ? 2 : value < 100 ? 1 : 0
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            let text = ByteFormatter.fixed((value * scale).rounded(.up) / scale, decimals: decimals) + unit
            if let parsed = try? ByteSize.parse(text), parsed >= bytes { return SizeSetting(bytes: parsed, written: text) }
            break
        }
        return SizeSetting(bytes: bytes, written: "\(bytes)B")
    }
}
