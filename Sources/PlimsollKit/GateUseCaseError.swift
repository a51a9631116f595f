import ImageLoading
import SizeGate

/// Why `baseline record` or `diff` could not do its job: one line naming the file and the problem.
public struct GateUseCaseError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    init(_ error: ImageLoadingError) { description = error.description }
    init(_ error: DocumentError) { description = error.description }
    init(_ error: AtomicFile.Failure) { description = error.description }
}
