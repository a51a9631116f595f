import ArgumentParser

/// Output formats of `inspect`: the shared ones plus `html`, which writes pages rather than a
/// stream and so is not offered by commands that print one document.
enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case markdown
    case html
}
