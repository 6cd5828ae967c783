// Generated from patterns/*.toml by `swift run keyhound-embed`. Do not edit.
// swift-format-ignore-file

import HoundModel

extension BuiltinRules {
    /// The pattern files, by name, as written in `patterns/`.
    public static let patternFiles: [(name: String, text: String)] = [
    ]

    static func makeRules() -> [Rule] {
        var rules: [Rule] = []
        return rules
    }
}
