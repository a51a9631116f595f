/// Turns a history `created_by` into the Dockerfile step a person recognises.
public enum HistoryStep {
    /// "/bin/sh -c #(nop)  CMD [\"node\"]" -> "CMD [\"node\"]";
    /// "/bin/sh -c npm ci" -> "RUN npm ci"; "RUN /bin/sh -c pnpm i # buildkit" -> "RUN pnpm i".
    public static func short(_ createdBy: String?) -> String {
        guard var text = createdBy?.trimmingWhitespace(), !text.isEmpty else { return "" }
        if text.hasSuffix("# buildkit") { text = String(text.dropLast("# buildkit".count)).trimmingWhitespace() }
        if text.hasPrefix("/bin/sh -c #(nop)") {
            return String(text.dropFirst("/bin/sh -c #(nop)".count)).trimmingWhitespace()
        }
        if text.hasPrefix("/bin/sh -c ") { return "RUN " + text.dropFirst("/bin/sh -c ".count) }
        if text.hasPrefix("RUN /bin/sh -c ") { return "RUN " + text.dropFirst("RUN /bin/sh -c ".count) }
        if text.hasPrefix("|") {
            // BuildKit writes build args first: "|2 A=1 B=2 /bin/sh -c make".
            if let end = text.endOfFirst("/bin/sh -c ") { return "RUN " + text[end...] }
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension String {
    /// Where the first occurrence of `needle` ends (ImageModel does without Foundation).
    func endOfFirst(_ needle: String) -> String.Index? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }

    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
