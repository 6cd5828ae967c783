/// A table (TOML) or object (JSON): keys in file order, each with its position.
struct DocumentTable: Sendable {
    /// One key and its value.
    struct Entry: Sendable {
        var key: String
        var value: DocumentValue
        var position: SourcePosition?
    }

    /// The entries in file order.
    var entries: [Entry]
    /// Where the table starts (its header, or its opening brace).
    var position: SourcePosition?

    /// The value for `key`, if present.
    subscript(key: String) -> DocumentValue? { entries.first { $0.key == key }?.value }
}
