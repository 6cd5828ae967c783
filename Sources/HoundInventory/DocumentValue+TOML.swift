import TOML

extension DocumentValue {
    /// The document form of a TOML value; `position` is that of its key (TOML values inside arrays
    /// share their key's position).
    init(_ value: TOMLValue, position: SourcePosition?) {
        let content: Content
        switch value {
        case .string(let text): content = .string(text)
        case .integer(let integer): content = .integer(integer)
        case .float(let double): content = .float(double)
        case .boolean(let bool): content = .boolean(bool)
        case .offsetDateTime(let dateTime), .localDateTime(let dateTime), .localDate(let dateTime):
            content = .dateTime(dateTime.text)
        case .localTime(let time): content = .time(time.text)
        case .array(let items): content = .array(items.map { DocumentValue($0, position: position) })
        case .table(let table): content = .table(DocumentTable(table))
        }
        self.init(content: content, position: position)
    }
}

extension DocumentTable {
    /// The document form of a TOML table, keeping each key's position.
    init(_ table: TOMLTable) {
        // By key rather than through `table.entries`, which copies the table into an array of
        // pairs first (a measurable cost on an inventory of 100,000 tables).
        var entries: [Entry] = []
        entries.reserveCapacity(table.count)
        for key in table.keys {
            guard let value = table[key] else { continue }
            let position = table.position(of: key).map { SourcePosition(line: $0.line, column: $0.column) }
            entries.append(Entry(key: key, value: DocumentValue(value, position: position), position: position))
        }
        self.init(entries: entries, position: SourcePosition(line: table.position.line, column: table.position.column))
    }
}
