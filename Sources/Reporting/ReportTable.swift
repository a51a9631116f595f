/// One titled table of a report, made once and rendered as text (terminal) and as Markdown, so
/// that the two renderings cannot drift apart. Cells that are names (paths, steps) are marked as
/// code: Markdown puts them in backticks, the terminal prints them as they are.
public struct ReportTable: Sendable {
    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var isCode: Bool

        public init(_ text: String, code: Bool = false) {
            self.text = text
            self.isCode = code
        }

        public init(stringLiteral value: String) { self.init(value) }

        public static func code(_ text: String) -> Cell { Cell(text, code: !text.isEmpty) }
    }

    public var title: String
    /// Lower-case headers; the terminal prints them upper-case.
    public var headers: [String]
    public var alignments: [TextTable.Alignment]
    public var rows: [[Cell]] = []

    public init(title: String, headers: [String], alignments: [TextTable.Alignment]) {
        self.title = title
        self.headers = headers
        self.alignments = alignments
    }

    public mutating func add(_ row: [Cell]) { rows.append(row) }

    /// "\nTitle\n" and the table indented by two spaces.
    public func text() -> String {
        "\n\(title)\n" + textTable(uppercased: true).render(indent: "  ")
    }

    /// "\n### Title\n\n" and a Markdown table.
    public func markdown() -> String {
        "\n### \(title)\n\n" + markdownTable().markdown()
    }

    /// The cells as the terminal prints them.
    public func textTable(uppercased: Bool) -> TextTable {
        var table = TextTable(headers: uppercased ? headers.map { $0.uppercased() } : headers, alignments: alignments)
        for row in rows { table.add(row.map(\.text)) }
        return table
    }

    /// The cells as Markdown prints them: code in backticks.
    public func markdownTable() -> TextTable {
        var table = TextTable(headers: headers, alignments: alignments)
        for row in rows { table.add(row.map { $0.isCode ? "`\($0.text.replacingAll("`", with: "'"))`" : $0.text }) }
        return table
    }
}
