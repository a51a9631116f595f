import ArgumentParser

/// Output formats of `inspect` and `diff`. CLI-only: the core never imports ArgumentParser.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case markdown
}
