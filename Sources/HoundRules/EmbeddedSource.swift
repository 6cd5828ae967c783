/// Writes the Swift sources that embed `patterns/*.toml` and `hooks/*` into the binary
/// (`Bundle.module` breaks once the binary is moved, so nothing is looked up at run time).
public enum EmbeddedSource {
    /// The text of `BuiltinRules+Generated.swift` for the given pattern files (name, text),
    /// sorted by name. Rules are emitted as one flat array of string literals (cheap to compile,
    /// even optimised, and decoded in microseconds at start-up: no TOML parsing on the hook
    /// path); each list is its length followed by its items, so decoding splits nothing and every
    /// string it keeps is a literal (no copy). The raw files are embedded too, for `rules check`
    /// and tests.
    public static func builtinRules(files: [(name: String, text: String)]) throws(RuleError) -> String {
        let sorted = files.sorted { $0.name < $1.name }
        var out = header(generator: "patterns/*.toml")
        out += "extension BuiltinRules {\n"
        out += "    /// The pattern files, by name, as written in `patterns/`.\n"
        out += "    public static let patternFiles: [(name: String, text: String)] = [\n"
        for (name, text) in sorted {
            out += "        (\(literal(name)), \(literal(text))),\n"
        }
        out += "    ]\n\n"
        out += "    /// Every rule as strings: id, description, regex, secret group, keywords, entropy,\n"
        out += "    /// validator, confidence, tags, path, stopwords, source file, line and column; a list is\n"
        out += "    /// its length, then its items.\n"
        out += "    static let table: [String] = [\n"
        var ids: [String: String] = [:]
        for (name, text) in sorted {
            for rule in try PatternFile.decode(text, file: "patterns/\(name)") {
                if let other = ids[rule.id] {
                    throw RuleError(
                        file: "patterns/\(name)", line: rule.source.line, column: rule.source.column,
                        message: "rule id \"\(rule.id)\" is already defined in \(other)")
                }
                if !rule.allowlists.isEmpty {
                    throw RuleError(
                        file: "patterns/\(name)", line: rule.source.line, column: rule.source.column,
                        message: "built-in rule \"\(rule.id)\": allowlists are not supported in patterns/ (use stopwords)")
                }
                ids[rule.id] = "patterns/\(name)"
                func list(_ items: [String]) -> [String] { [String(items.count)] + items }
                var fields: [String] = [rule.id, rule.description, rule.regex]
                fields.append(rule.secretGroup.map { String($0) } ?? "")
                fields += list(rule.keywords)
                fields.append(rule.entropy.map { String($0) } ?? "")
                fields.append(rule.validator?.rawValue ?? "")
                fields.append(rule.confidence.rawValue)
                fields += list(rule.tags)
                fields.append(rule.path ?? "")
                fields += list(rule.stopwords)
                fields += [rule.source.file, String(rule.source.line), String(rule.source.column)]
                out += "        " + fields.map(literal).joined(separator: ", ") + ",\n"
            }
        }
        out += "    ]\n}\n"
        return out
    }

    /// The text of a generated file holding named text resources (hook scripts).
    public static func resources(typeName: String, files: [(name: String, text: String)], generator: String) -> String {
        var out = header(generator: generator)
        out += "/// Embedded copies of \(generator).\n"
        out += "public enum \(typeName) {\n"
        out += "    /// The files, by name.\n"
        out += "    public static let files: [String: String] = [\n"
        for (name, text) in files.sorted(by: { $0.name < $1.name }) {
            out += "        \(literal(name)): \(literal(text)),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    static func header(generator: String) -> String {
        "// Generated from \(generator) by `swift run keyhound-embed`. Do not edit.\n"
            + "// swift-format-ignore-file\n\n"
    }

    /// A raw string literal holding `text` exactly, with enough `#`s.
    static func literal(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        // Carriage returns would be normalised away by the compiler, and other control characters
        // (a tab in a keyword) are refused in a literal: escape them all on one line.
        let hasControl = text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7f }
        if hasControl {
            return hashes + "\"" + text.escapingControls(hashes: hashes) + "\"" + hashes
        }
        if text.contains("\n") {
            // Multi-line raw literal; a trailing newline is represented by an empty last line.
            return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
        }
        return hashes + "\"" + text + "\"" + hashes
    }
}

extension String {
    /// The text with every control character written as an escape of a raw literal with `hashes`.
    fileprivate func escapingControls(hashes: String) -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\r": out += "\\" + hashes + "r"
            case "\n": out += "\\" + hashes + "n"
            case "\t": out += "\\" + hashes + "t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                out += "\\" + hashes + "u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
