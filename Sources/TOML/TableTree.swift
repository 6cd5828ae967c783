/// The tables of a document (or of one inline table) while it is being read, with what TOML
/// needs to enforce its definition rules: how each table came to exist, and where.
///
/// Tables live in an array and refer to each other by index; `materialize()` turns the tree
/// into `TOMLTable` values at the end. Inline tables and arrays written as values are stored
/// as finished `TOMLValue`s, which makes them immutable here as TOML requires.
struct TableTree {
    /// How a table came to exist, which decides what may still add to it.
    enum Origin: Equatable {
        /// Made as a parent of a header (`a` for `[a.b]`): a later `[a]` may still define it.
        case implicit
        /// Defined by a `[x]` header or a `[[x]]` element (or the root, or an inline table).
        case header
        /// Made by a dotted key in the section with this number; only that section may add to
        /// it with dotted keys, and no header may define it.
        case dotted(section: Int)
    }

    /// What a key holds.
    enum Slot {
        /// A finished value, including inline tables and arrays written as values.
        case value(TOMLValue)
        /// A table in the tree.
        case table(Int)
        /// An array of tables from `[[x]]` headers, oldest first.
        case tables([Int])
    }

    /// One table being built.
    struct Node {
        /// Keys in document order.
        var keys: [String] = []
        /// Where each key was written, parallel to `keys`.
        var keyPositions: [TOMLPosition] = []
        /// Where each value starts (the key's position for tables made by headers or dotted
        /// keys), parallel to `keys`.
        var valuePositions: [TOMLPosition] = []
        /// What each key holds, parallel to `keys`.
        var slots: [Slot] = []
        /// Finds a key's index in `keys`.
        var index = KeyIndex()
        /// Where the table starts (see `TOMLTable.position`).
        var position: TOMLPosition
        var origin: Origin
        /// Tables and arrays enclosing this table (the document root is 0).
        var depth: Int
        /// The table holding this one (-1 for the root), the key naming it there, and its index
        /// when it is an element of an array of tables.
        var parent = -1
        var name = ""
        var element: Int?

        /// The index of `name` in `keys` and `slots`.
        func slotIndex(of name: String) -> Int? { index.index(of: name, in: keys) }
    }

    /// The index of the root table.
    static let root = 0

    /// All tables; the root first.
    private(set) var nodes: [Node]

    /// A tree holding an empty root table at `position`, itself `depth` levels deep.
    init(position: TOMLPosition, depth: Int = 0) {
        nodes = [Node(position: position, origin: .header, depth: depth)]
    }

    /// How deep table `node` sits.
    func depth(of node: Int) -> Int { nodes[node].depth }

    /// The table for a `[path]` header, created or completed; `position` is the header's `[`.
    mutating func defineTable(_ path: [KeyPart], at position: TOMLPosition) throws(TOMLError) -> Int {
        let parent = try descend(path.dropLast(), forHeader: path)
        let last = path[path.count - 1]
        guard let slotIndex = nodes[parent].slotIndex(of: last.name) else {
            return try addTable(last, in: parent, origin: .header, position: position)
        }
        let firstWritten = nodes[parent].keyPositions[slotIndex]
        switch nodes[parent].slots[slotIndex] {
        case .table(let child):
            switch nodes[child].origin {
            case .implicit:
                nodes[child].origin = .header
                nodes[child].position = position
                return child
            case .header:
                throw TOMLError(
                    message: "table [\(path.shown)] is defined twice (first at line \(nodes[child].position.line))",
                    position: position)
            case .dotted:
                throw TOMLError(
                    message: "table [\(path.shown)] was already defined by dotted keys at line \(firstWritten.line)",
                    position: position)
            }
        case .tables:
            throw TOMLError(
                message:
                    "[\(path.shown)] is an array of tables (first at line \(firstWritten.line)); use [[\(path.shown)]] to add an element",
                position: position)
        case .value(let value):
            throw TOMLError(
                message:
                    "cannot define table [\(path.shown)]: key \(path.quoted) already holds \(Self.article(value)) (line \(firstWritten.line))",
                position: position)
        }
    }

    /// A new element for a `[[path]]` header; `position` is the header's first `[`.
    mutating func appendTable(_ path: [KeyPart], at position: TOMLPosition) throws(TOMLError) -> Int {
        let parent = try descend(path.dropLast(), forHeader: path)
        let last = path[path.count - 1]
        guard let slotIndex = nodes[parent].slotIndex(of: last.name) else {
            let child = try addTable(last, in: parent, origin: .header, position: position, asArray: true)
            return child
        }
        let firstWritten = nodes[parent].keyPositions[slotIndex]
        switch nodes[parent].slots[slotIndex] {
        case .tables(var elements):
            let child = try newNode(origin: .header, position: position, parent: parent, depthBonus: 1)
            nodes[child].name = last.name
            nodes[child].element = elements.count
            nodes[parent].slots[slotIndex] = .tables([])
            elements.append(child)
            nodes[parent].slots[slotIndex] = .tables(elements)
            return child
        case .table:
            throw TOMLError(
                message:
                    "cannot define array of tables [[\(path.shown)]]: \(path.quoted) is already a table (line \(firstWritten.line))",
                position: position)
        case .value(let value):
            throw TOMLError(
                message:
                    "cannot define array of tables [[\(path.shown)]]: key \(path.quoted) already holds \(Self.article(value)) (line \(firstWritten.line))",
                position: position)
        }
    }

    /// Stores `value` under the dotted `key` inside table `node`, creating the tables the dotted
    /// key implies; `section` numbers the header section the pair is in and `valuePosition` is
    /// where the value starts. Returns the table that holds the last key part.
    @discardableResult
    @inline(never)
    mutating func insert(
        _ value: TOMLValue, at key: [KeyPart], in node: Int, section: Int, valuePosition: TOMLPosition
    ) throws(TOMLError) -> Int {
        var current = node
        for (offset, part) in key.dropLast().enumerated() {
            guard let slotIndex = nodes[current].slotIndex(of: part.name) else {
                current = try addTable(part, in: current, origin: .dotted(section: section), position: part.position)
                continue
            }
            let prefix = Array(key[...offset])
            let firstWritten = nodes[current].keyPositions[slotIndex]
            switch nodes[current].slots[slotIndex] {
            case .table(let child):
                switch nodes[child].origin {
                case .implicit:
                    nodes[child].origin = .dotted(section: section)
                case .dotted(let other) where other == section:
                    break
                case .dotted:
                    throw TOMLError(
                        message:
                            "cannot add to table \(prefix.quoted) with dotted keys here: it was defined at line \(firstWritten.line) in another section",
                        position: part.position)
                case .header:
                    throw TOMLError(
                        message:
                            "cannot add to table \(prefix.quoted) with dotted keys: it is defined by a [header] at line \(nodes[child].position.line)",
                        position: part.position)
                }
                current = child
            case .tables:
                throw TOMLError(
                    message:
                        "cannot add to \(prefix.quoted) with dotted keys: it is an array of tables (line \(firstWritten.line))",
                    position: part.position)
            case .value(let existing):
                throw TOMLError(message: Self.notATable(prefix, existing, firstWritten), position: part.position)
            }
        }
        let last = key[key.count - 1]
        if let slotIndex = nodes[current].slotIndex(of: last.name) {
            let first = nodes[current].keyPositions[slotIndex]
            throw TOMLError(
                message: "duplicate key \(key.quoted) (first defined at line \(first.line), column \(first.column))",
                position: last.position)
        }
        append(last, slot: .value(value), to: current, valuePosition: valuePosition)
        return current
    }

    /// The finished root table.
    @inline(never)
    func materialize() -> TOMLTable { table(at: Self.root) }

    /// Follows the header path `prefix` from the root, creating implicit tables; `[[x]]`
    /// components lead to their last element.
    private mutating func descend(_ prefix: ArraySlice<KeyPart>, forHeader path: [KeyPart]) throws(TOMLError) -> Int {
        var current = Self.root
        for (offset, part) in prefix.enumerated() {
            guard let slotIndex = nodes[current].slotIndex(of: part.name) else {
                current = try addTable(part, in: current, origin: .implicit, position: part.position)
                continue
            }
            switch nodes[current].slots[slotIndex] {
            case .table(let child):
                current = child
            case .tables(let elements):
                guard let last = elements.last else { return current }
                current = last
            case .value(let existing):
                let firstWritten = nodes[current].keyPositions[slotIndex]
                throw TOMLError(
                    message: Self.notATable(Array(path[...offset]), existing, firstWritten),
                    position: part.position)
            }
        }
        return current
    }

    /// Adds a new table (or a one-element array of tables) under `part` in `parent`.
    private mutating func addTable(
        _ part: KeyPart, in parent: Int, origin: Origin, position: TOMLPosition, asArray: Bool = false
    ) throws(TOMLError) -> Int {
        let child = try newNode(origin: origin, position: position, parent: parent, depthBonus: asArray ? 1 : 0)
        nodes[child].name = part.name
        nodes[child].element = asArray ? 0 : nil
        append(part, slot: asArray ? .tables([child]) : .table(child), to: parent)
        return child
    }

    /// Creates an empty table one level (plus `depthBonus` for array elements) below `parent`.
    private mutating func newNode(origin: Origin, position: TOMLPosition, parent: Int, depthBonus: Int)
        throws(TOMLError) -> Int
    {
        let depth = nodes[parent].depth + 1 + depthBonus
        guard depth <= TOMLScanner.maximumDepth else {
            throw TOMLError(
                message: "tables nested too deeply (more than \(TOMLScanner.maximumDepth) levels)",
                position: position)
        }
        nodes.append(Node(position: position, origin: origin, depth: depth, parent: parent))
        return nodes.count - 1
    }

    /// Appends a key to table `node`; its value starts at `valuePosition` (the key's own
    /// position for tables).
    private mutating func append(_ part: KeyPart, slot: Slot, to node: Int, valuePosition: TOMLPosition? = nil) {
        nodes[node].keys.append(part.name)
        nodes[node].index.didAppend(to: nodes[node].keys)
        nodes[node].keyPositions.append(part.position)
        nodes[node].valuePositions.append(valuePosition ?? part.position)
        nodes[node].slots.append(slot)
    }

    /// The `TOMLTable` for node `index` and everything below it.
    private func table(at index: Int) -> TOMLTable {
        let node = nodes[index]
        var values: [TOMLValue] = []
        values.reserveCapacity(node.slots.count)
        for slot in node.slots {
            switch slot {
            case .value(let value): values.append(value)
            case .table(let child): values.append(.table(table(at: child)))
            case .tables(let elements): values.append(.array(elements.map { .table(table(at: $0)) }))
            }
        }
        return TOMLTable(
            keys: node.keys, values: values, keyPositions: node.keyPositions, valuePositions: node.valuePositions,
            index: node.index, position: node.position)
    }

    /// Where table `node` sits in the document: the keys leading to it from the root, with the
    /// element index after each array of tables.
    func path(of node: Int) -> TOMLPath {
        var components: [TOMLPath.Component] = []
        var current = node
        while current > Self.root, nodes[current].parent >= 0 {
            if let element = nodes[current].element { components.append(.index(element)) }
            components.append(.key(nodes[current].name))
            current = nodes[current].parent
        }
        return TOMLPath(components.reversed())
    }

    /// "a string", "an integer", "an inline table"…, for messages.
    static func article(_ value: TOMLValue) -> String {
        if case .table = value { return "an inline table" }
        let name = value.typeName
        return (name.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + name
    }

    /// The message for using a non-table value as a table.
    private static func notATable(_ prefix: [KeyPart], _ value: TOMLValue, _ written: TOMLPosition) -> String {
        if case .table = value {
            return
                "cannot add to inline table \(prefix.quoted) (defined at line \(written.line)): inline tables cannot be extended"
        }
        return
            "key \(prefix.quoted) already holds \(article(value)) (line \(written.line)), so it cannot be used as a table"
    }
}
