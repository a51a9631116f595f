import ArgumentParser

/// The exit-code contract (README, "Exit codes").
enum ExitStatus {
    /// Done; the gate passed or only warned.
    static let success = ExitCode(0)
    /// The gate failed for at least one image.
    static let gateFailed = ExitCode(1)
    /// An input or baseline could not be read or analysed.
    static let inputError = ExitCode(2)
    /// Usage error (ArgumentParser's `ValidationError` exits with this as well).
    static let usage = ExitCode(64)
}
