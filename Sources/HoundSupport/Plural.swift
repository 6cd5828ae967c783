/// Counts with their noun for messages: `1 file`, `2 files`, `1 entry`, `3 entries`.
public enum Plural {
    /// The count and the noun, `plural` (default: the noun + `s`) unless the count is 1.
    public static func count(_ count: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
