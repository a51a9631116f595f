import Foundation
import ImageLoading
import ImageModel
import SizeAccounting
import SizeGate

/// The `diff` use case: two images or saved reports, measured the same way and compared.
public struct Comparison: Sendable {
    public var environment: Environment
    public var loadOptions: LoadOptions
    /// Labels every byte: both sides' categories and packages.
    public var accountant: SizeAccountant

    /// - Parameter loadOptions: the capture policy is replaced by what `accountant` needs.
    public init(environment: Environment, loadOptions: LoadOptions = LoadOptions(), accountant: SizeAccountant) {
        self.environment = environment
        self.loadOptions = accountant.applying(to: loadOptions)
        self.accountant = accountant
    }

    /// Measures both sides and compares them.
    public func diff(old: String, new: String) throws(GateUseCaseError) -> MeasurementDiff {
        MeasurementDiff(old: try measure(old), new: try measure(new))
    }

    /// A measurement from an image (tarball, OCI layout, `-`) or from a JSON file plimsoll wrote.
    public func measure(_ argument: String) throws(GateUseCaseError) -> SizeGate.ImageMeasurement {
        let display = DisplayPath.of(argument)
        if argument != "-", isJSON(argument) {
            do {
                guard let bytes = try FileBytes.read(argument) else { throw GateUseCaseError("\(display): no such file") }
                let stem = display.split(separator: "/").last.map { String($0.hasSuffix(".json") ? $0.dropLast(5) : $0) } ?? display
                return try SavedMeasurement.decode(bytes, file: display, name: stem, fallbackTime: environment.clock.now())
            } catch let error as DocumentError {
                throw GateUseCaseError(error)
            } catch let error as GateUseCaseError {
                throw error
            } catch {
                throw GateUseCaseError("\(display): \(error)")
            }
        }
        let input: ImageInput
        do {
            input = try ImageInput.parse(argument)
        } catch {
            throw GateUseCaseError(error.description)
        }
        let images: [LoadedImage]
        do {
            images = try ImageLoader(options: loadOptions).load(input)
        } catch {
            throw GateUseCaseError(error)
        }
        guard images.count == 1, let image = images.first else {
            throw GateUseCaseError("\(display): holds \(images.count) images; choose one with --image")
        }
        let name = ImageNaming.name(explicit: nil, tags: image.tags, input: argument, digest: image.configDigest)
        return SizeGate.ImageMeasurement(
            image: image, name: name, recordedAt: environment.clock.now(), ledger: accountant.account(image))
    }

    /// True when the file's first non-blank byte is `{`: a JSON document, not an archive.
    private func isJSON(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        return head.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
    }
}
