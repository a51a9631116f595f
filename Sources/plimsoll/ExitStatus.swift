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

/// How a command ends when it does not simply succeed. Commands throw this; `Plimsoll.main`, the
/// one place that prints errors and picks exit codes, turns it into its messages and code.
enum CommandOutcome: Error {
    /// Exit 2: an input, baseline or report could not be used. Each message is one line.
    case inputError([String])
    /// Exit 1: the gate failed (reasons are already in the output).
    case gateFailed
    /// Exit 64: the arguments cannot work together.
    case usage(String)

    static func inputError(_ message: String) -> CommandOutcome { .inputError([message]) }

    var status: ExitCode {
        switch self {
        case .inputError: return ExitStatus.inputError
        case .gateFailed: return ExitStatus.gateFailed
        case .usage: return ExitStatus.usage
        }
    }

    var messages: [String] {
        switch self {
        case .inputError(let messages): return messages
        case .gateFailed: return []
        case .usage(let message): return [message]
        }
    }
}

/// Runs `body`; any error it throws (every library error names its file and problem in its
/// description) becomes exit 2 with that one line.
func inputStep<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let outcome as CommandOutcome {
        throw outcome
    } catch {
        throw CommandOutcome.inputError(String(describing: error))
    }
}
