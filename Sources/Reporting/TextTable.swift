import Foundation

/// A plain-text table with right-aligned numeric columns, for terminals and Markdown code blocks.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Columns separated by two spaces; the last column is not padded.
    public func render(indent: String = "") -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        var lines: [String] = []
        for row in [headers] + rows {
            var cells: [String] = []
            for (column, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                let isLast = column == row.count - 1
                if alignments[column] == .right {
                    cells.append(pad + cell)
                } else {
                    cells.append(isLast ? cell : cell + pad)
                }
            }
            var line = indent + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }  // empty last cells leave padding behind
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same table as GitHub-flavoured Markdown.
    public func markdown() -> String {
        func escape(_ cell: String) -> String {
            cell.replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
        }
        var text = "| " + headers.map(escape).joined(separator: " | ") + " |\n"
        text += "|" + alignments.map { $0 == .right ? "---:|" : "---|" }.joined() + "\n"
        for row in rows {
            text += "| " + row.map(escape).joined(separator: " | ") + " |\n"
        }
        return text
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        replacingOccurrences(of: target, with: replacement)
    }

    /// Shortens to `limit` characters with an ellipsis, keeping the start.
    public func truncated(to limit: Int) -> String {
        guard count > limit, limit > 1 else { return self }
        return String(prefix(limit - 1)) + "…"
    }
}
