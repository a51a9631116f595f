import ArgumentParser
import Foundation

/// The `plimsoll` command: where did the bytes of a container image go, and did it just get
/// heavier than it may be? Only this executable parses arguments, prints and picks exit codes.
@main
struct Plimsoll: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plimsoll",
        abstract: "Size accounting and a size gate for container image tarballs.",
        discussion: """
            Exit codes: 0 done (gate passed or only warned), 1 the gate failed, 2 an input or
            baseline could not be read, 64 usage error.
            """,
        version: PlimsollVersion.current,
        subcommands: [Inspect.self, Check.self, Diff.self, Baseline.self, TrendCommand.self]
    )

    static func main() {
        // Set once, here: libarchive converts entry names through the C locale.
        setlocale(LC_ALL, "C.UTF-8")
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let outcome as CommandOutcome {
            for message in outcome.messages { Diagnostics.error(message) }
            exit(withError: outcome.status)
        } catch {
            exit(withError: error)
        }
    }
}

enum PlimsollVersion {
    static let current = "0.1.0"
}
