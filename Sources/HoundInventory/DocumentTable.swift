import TOML

/// An object (JSON) or map (YAML): keys in file order, each with its position.
public struct DocumentTable: Sendable {
    /// One key and its value.
    struct Entry: Sendable {
        /// The member's name.
        var key: String
        /// Its value.
        var value: DocumentValue
        /// Where the name was written.
        var position: SourcePosition?
    }

    /// The entries in file order.
    var entries: [Entry]
    /// Where the table starts (its opening brace, or its first key).
    var position: SourcePosition?

    /// An object with no members, nowhere in a file (what a non-object reads as).
    public static let empty = DocumentTable(entries: [], position: nil)

    /// The value for `key`, if present.
    public subscript(key: String) -> DocumentValue? {
        guard let index = index(of: key) else { return nil }
        return entries[index].value
    }

    /// The index of `key`'s entry: a linear scan (objects are small), comparing lengths first.
    private func index(of key: String) -> Int? {
        let length = key.utf8.count
        for index in entries.indices where entries[index].key.utf8.count == length && entries[index].key == key {
            return index
        }
        return nil
    }
}

extension DocumentTable: FieldTable {
    /// The keys in file order.
    public var keys: [String] { entries.map(\.key) }

    /// Where `key` was written, nil when absent.
    public func position(of key: String) -> SourcePosition? { index(of: key).flatMap { entries[$0].position } }

    /// Where the object starts.
    public var startPosition: SourcePosition? { position }
}
