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
        let entries = table.entries.map { entry in
            let position = table.position(of: entry.key).map { SourcePosition(line: $0.line, column: $0.column) }
            return Entry(key: entry.key, value: DocumentValue(entry.value, position: position), position: position)
        }
        self.init(entries: entries, position: SourcePosition(line: table.position.line, column: table.position.column))
    }
}
