/// Byte values and classes the TOML grammar names.
extension UInt8 {
    /// Horizontal tab, whitespace in TOML.
    static let tab = UInt8(ascii: "\t")
    /// Line feed: ends a line.
    static let lineFeed = UInt8(ascii: "\n")
    /// Carriage return: only valid before a line feed.
    static let carriageReturn = UInt8(ascii: "\r")
    /// Space, whitespace in TOML.
    static let space = UInt8(ascii: " ")
    /// `"`: opens basic strings.
    static let quote = UInt8(ascii: "\"")
    /// `'`: opens literal strings.
    static let apostrophe = UInt8(ascii: "'")
    /// Backslash: starts escapes.
    static let backslash = UInt8(ascii: "\\")
    /// `#`: starts comments.
    static let hash = UInt8(ascii: "#")
    /// `=`: between key and value.
    static let equals = UInt8(ascii: "=")
    /// `,`: between array elements and inline table pairs.
    static let comma = UInt8(ascii: ",")
    /// `.`: between dotted key parts; decimal point.
    static let dot = UInt8(ascii: ".")
    /// `:`: in times and offsets.
    static let colon = UInt8(ascii: ":")
    /// `+`: sign.
    static let plus = UInt8(ascii: "+")
    /// `-`: sign; date separator.
    static let minus = UInt8(ascii: "-")
    /// `_`: digit separator.
    static let underscore = UInt8(ascii: "_")
    /// `[`: opens arrays and headers.
    static let openBracket = UInt8(ascii: "[")
    /// `]`: closes arrays and headers.
    static let closeBracket = UInt8(ascii: "]")
    /// `{`: opens inline tables.
    static let openBrace = UInt8(ascii: "{")
    /// `}`: closes inline tables.
    static let closeBrace = UInt8(ascii: "}")
    /// DEL, a control character.
    static let delete: UInt8 = 0x7F

    /// `0`–`9`.
    var isDigit: Bool { self &- 0x30 < 10 }

    /// `0`–`9`, `a`–`f`, `A`–`F`.
    var isHexDigit: Bool { isDigit || (self | 0x20) &- 0x61 < 6 }

    /// `A`–`Z`, `a`–`z`.
    var isLetter: Bool { (self | 0x20) &- 0x61 < 26 }

    /// A byte allowed in a bare key: letters, digits, `_` and `-`.
    var isBareKeyByte: Bool { isLetter || isDigit || self == .underscore || self == .minus }

    /// Space or tab, the only whitespace TOML knows.
    var isWhitespace: Bool { self == .space || self == .tab }

    /// A control character that may not appear raw in strings or comments (all of U+0000–U+001F
    /// but tab, and U+007F).
    var isForbiddenControl: Bool { (self < 0x20 && self != .tab) || self == .delete }
}
