import HoundJSON

extension DocumentValue {
    /// The document form of a JSON value read by HoundJSON, keeping each value's position.
    public init(_ node: JSONNode) {
        let content: Content
        switch node.content {
        case .null: content = .null
        case .bool(let flag): content = .boolean(flag)
        case .int(let number): content = .integer(Int64(number))
        case .double(let number): content = .float(number)
        case .string(let text): content = .string(text)
        case .array(let items): content = .array(items.map(DocumentValue.init))
        case .object(let members):
            let entries = members.map { member in
                DocumentTable.Entry(
                    key: member.key, value: DocumentValue(member.value), position: SourcePosition(member.keyPosition))
            }
            content = .table(DocumentTable(entries: entries, position: SourcePosition(node.position)))
        }
        self.init(content: content, position: SourcePosition(node.position))
    }

    /// Reads a JSON document (an inventory, a baseline, an imported report); `path` names it in
    /// errors (`invalid JSON: …` at the problem's line:column).
    static func parseJSON(_ bytes: [UInt8], path: String) throws(InventoryError) -> DocumentValue {
        do {
            return DocumentValue(try JSONReader.parse(bytes))
        } catch {
            throw InventoryError(
                .syntax, path: path, position: SourcePosition(error.position), message: "invalid JSON: \(error.message)")
        }
    }
}

extension SourcePosition {
    /// The line and column of a JSON position.
    init(_ position: JSONPosition) { self.init(line: position.line, column: position.column) }
}
