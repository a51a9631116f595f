import ArgumentParser
import PlimsollKit
import SizeAccounting

/// `--rules FILE`: accounting rules that extend the built-in ones, for every command that measures.
struct AccountingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Accounting rules that extend the built-in ones (JSON; see Docs/accounting.md, \"Rules file\").", valueName: "file"))
    var rules: String?

    /// The accountant, or exit 2 with the rules file's problem on one line.
    func accountant() throws -> SizeAccountant {
        try inputStep { try RulesFile.accountant(extendedWith: rules) }
    }
}
