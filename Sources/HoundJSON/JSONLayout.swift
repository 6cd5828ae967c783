/// How much white space ``JSONWriter`` puts between tokens.
public enum JSONLayout: Sendable, Equatable {
    /// None at all (`{"a":1,"b":[1,2]}`): JSON lines, audit records.
    case compact
    /// One line with a space after each `,` and `:` (`{"a": 1, "b": [1, 2]}`).
    case inline
    /// Two-space indentation, one member or element per line, except arrays of scalars, which
    /// stay on one line as in ``inline``.
    case pretty
}
