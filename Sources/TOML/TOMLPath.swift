/// Where a value sits in a TOML document: the keys leading to it from the root, with an element
/// index after each array of tables (`keys[2].rotation.grace`).
public struct TOMLPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One step: a key of a table, or an element of an array of tables.
    public enum Component: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        /// The value of a key (quotes and escapes resolved).
        case key(String)
        /// The element at this 0-based index.
        case index(Int)

        /// A key from a literal.
        public init(stringLiteral value: String) { self = .key(value) }

        /// An index from a literal.
        public init(integerLiteral value: Int) { self = .index(value) }
    }

    /// The steps from the root; empty for the root table itself.
    public var components: [Component]

    /// A path from its steps.
    public init(_ components: [Component]) { self.components = components }

    /// A path from literal steps: `["keys", 0, "name"]`.
    public init(arrayLiteral elements: Component...) { components = elements }

    /// The root table.
    public static let root = TOMLPath([])

    /// This path followed by `key`.
    public func appending(_ key: String) -> TOMLPath { TOMLPath(components + [.key(key)]) }

    /// This path followed by element `index`.
    public func appending(index: Int) -> TOMLPath { TOMLPath(components + [.index(index)]) }

    /// The path without its last step (the root for the root).
    public var parent: TOMLPath { TOMLPath(Array(components.dropLast())) }

    /// Whether `other` is this path or starts with it.
    public func isPrefix(of other: TOMLPath) -> Bool {
        other.components.count >= components.count && Array(other.components.prefix(components.count)) == components
    }

    /// The keys only, as a header names the table (`keys.previous` for `keys[0].previous`),
    /// written as TOML writes keys (quoted when not bare).
    public var headerName: String {
        components.compactMap { component -> String? in
            if case .key(let name) = component { return KeyPart.written(name) }
            return nil
        }.joined(separator: ".")
    }

    /// `keys[2].rotation.grace`, keys quoted when not bare.
    public var description: String {
        var out = ""
        for component in components {
            switch component {
            case .key(let name): out += (out.isEmpty ? "" : ".") + KeyPart.written(name)
            case .index(let index): out += "[\(index)]"
            }
        }
        return out
    }
}
