import SizeAccounting

/// The accountant's categories in its order of precedence, with a colour each, used wherever
/// categories are drawn so that a colour means the same thing in every chart and report.
public enum CategoryPalette {
    public static let names = SizeCategory.allCases.sorted().map(\.rawValue)

    static let colors = [
        "ml-libraries": "#8250df", "dev-dependencies": "#fb8f44", "node-modules": "#0969da", "os-packages": "#6e7781",
        "caches-and-leftovers": "#cf222e", "app": "#1a7f37", "other": "#afb8c1", "wasted": "#d4a72c",
    ]
    static let spare = ["#bf3989", "#0550ae", "#116329", "#953800", "#57606a"]

    /// Position in the accountant's order; unknown names come after every known one.
    public static func rank(_ name: String) -> Int { names.firstIndex(of: name) ?? names.count }

    /// The fixed colour of a known category; unknown ones take a spare colour by position.
    public static func color(_ name: String, position: Int) -> String {
        colors[name] ?? spare[position % spare.count]
    }
}
