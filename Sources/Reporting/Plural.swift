/// Counted nouns, so that no report says "1 measurements" or "1 layers".
public enum Plural {
    /// "1 layer", "3 layers", "0 files"; `plural` for irregular nouns ("1 entry", "2 entries").
    public static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        "\(value) \(value == 1 ? noun : plural ?? noun + "s")"
    }
}
