import TOML

/// An object (JSON) or map (YAML): keys in file order, each with its position.
struct DocumentTable: Sendable {
    /// One key and its value.
    struct Entry: Sendable {
        var key: String
        var value: DocumentValue
        var position: SourcePosition?
    }

    /// The entries in file order.
    var entries: [Entry]
    /// Where the table starts (its opening brace, or its first key).
    var position: SourcePosition?

    /// The value for `key`, if present.
    subscript(key: String) -> DocumentValue? { entries.first { $0.key == key }?.value }
}

extension DocumentTable: FieldTable {
    var keys: [String] { entries.map(\.key) }

    func position(of key: String) -> SourcePosition? { entries.first { $0.key == key }?.position }

    var startPosition: SourcePosition? { position }
}
