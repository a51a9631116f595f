/// Builds SVG text: elements with attributes in the order given, escaped text, and coordinates
/// printed with one decimal so that the same chart is the same bytes on every machine.
public struct SVGWriter: Sendable {
    /// The document so far.
    public private(set) var text = ""
    private var depth = 0

    public init() {}

    /// Opens `<name ...>`; close it with `close(name)`.
    public mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        line("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    public mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// `<name .../>`, or `<name ...><title>tooltip</title></name>` when a tooltip is given: browsers
    /// show a `<title>` child on hover, which is how exact bytes reach the reader without script.
    public mutating func element(_ name: String, _ attributes: [(String, String)], tooltip: String? = nil) {
        if let tooltip {
            line("<\(name)\(Self.attributes(attributes))><title>\(Self.escape(tooltip))</title></\(name)>")
        } else {
            line("<\(name)\(Self.attributes(attributes))/>")
        }
    }

    /// `<text ...>content</text>`.
    public mutating func text(_ content: String, _ attributes: [(String, String)]) {
        line("<text\(Self.attributes(attributes))>\(Self.escape(content))</text>")
    }

    /// Raw markup the caller already escaped.
    public mutating func raw(_ markup: String) {
        line(markup)
    }

    private mutating func line(_ content: String) {
        text += String(repeating: " ", count: depth * 2) + content + "\n"
    }

    static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// Escapes the five XML special characters.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal: "12", "12.5", "-3.2". Never locale-dependent.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int64((value * 10).rounded())
        let whole = tenths / 10
        let fraction = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
