import ImageLoading
import ImageModel
import SizeAccounting

/// Connects the size accountant to the reader: what the loader must capture for it. Every use
/// case applies it in its initializer, so no command can forget it.
extension SizeAccountant {
    /// `options` with the capture policy this accountant's rules need (package.json files, package
    /// databases, lockfiles), and the size from which files are hashed to find duplicate files.
    func applying(to options: LoadOptions) -> LoadOptions {
        var options = options
        let requirements = captureRequirements
        options.capture = CapturePolicy(maxBytes: requirements.maxBytes) { requirements.matches($0) }
        options.digestMinBytes = duplicateFileMinBytes
        return options
    }
}
