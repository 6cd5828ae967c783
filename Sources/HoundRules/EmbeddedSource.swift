/// Writes the Swift sources that embed `patterns/*.toml` and `hooks/*` into the binary
/// (`Bundle.module` breaks once the binary is moved, so nothing is looked up at run time).
public enum EmbeddedSource {
    /// The text of `BuiltinRules+Generated.swift` for the given pattern files (name, text),
    /// sorted by name. Rules are emitted as Swift initialiser calls (no TOML parsing at start-up);
    /// the raw files are embedded too, for `rules check` and tests.
    public static func builtinRules(files: [(name: String, text: String)]) throws(RuleError) -> String {
        let sorted = files.sorted { $0.name < $1.name }
        var out = header(generator: "patterns/*.toml")
        out += "import HoundModel\n\nextension BuiltinRules {\n"
        out += "    /// The pattern files, by name, as written in `patterns/`.\n"
        out += "    public static let patternFiles: [(name: String, text: String)] = [\n"
        for (name, text) in sorted {
            out += "        (\(literal(name)), \(literal(text))),\n"
        }
        out += "    ]\n\n"
        out += "    static func makeRules() -> [Rule] {\n        var rules: [Rule] = []\n"
        var ids: [String: String] = [:]
        for (name, text) in sorted {
            for rule in try PatternFile.decode(text, file: "patterns/\(name)") {
                if let other = ids[rule.id] {
                    throw RuleError(
                        file: "patterns/\(name)", line: rule.source.line, column: rule.source.column,
                        message: "rule id \"\(rule.id)\" is already defined in \(other)")
                }
                ids[rule.id] = "patterns/\(name)"
                out += "        rules.append(\n" + initializer(rule) + ")\n"
            }
        }
        out += "        return rules\n    }\n}\n"
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

    static func initializer(_ rule: Rule) -> String {
        var args: [String] = [
            "id: \(literal(rule.id))", "description: \(literal(rule.description))", "regex: \(literal(rule.regex))",
        ]
        if let g = rule.secretGroup { args.append("secretGroup: \(g)") }
        if !rule.keywords.isEmpty { args.append("keywords: \(array(rule.keywords))") }
        if let e = rule.entropy { args.append("entropy: \(e)") }
        if let v = rule.validator { args.append("validator: Validator(rawValue: \(literal(v.rawValue)))") }
        args.append("confidence: .\(rule.confidence.rawValue)")
        if !rule.tags.isEmpty { args.append("tags: \(array(rule.tags))") }
        if let p = rule.path { args.append("path: \(literal(p))") }
        if !rule.stopwords.isEmpty { args.append("stopwords: \(array(rule.stopwords))") }
        if !rule.allowlists.isEmpty {
            let lists = rule.allowlists.map { a in
                "Allowlist(description: \(literal(a.description)), paths: \(array(a.paths)), regexes: \(array(a.regexes)), "
                    + "regexTarget: .\(a.regexTarget.rawValue), stopwords: \(array(a.stopwords)), "
                    + "commits: \(array(a.commits)), requiresAll: \(a.requiresAll))"
            }
            args.append("allowlists: [" + lists.joined(separator: ", ") + "]")
        }
        args.append(
            "source: RuleSource(file: \(literal(rule.source.file)), line: \(rule.source.line), column: \(rule.source.column))"
        )
        return "            Rule(\n" + args.map { "                " + $0 }.joined(separator: ",\n") + ")\n        "
    }

    static func array(_ values: [String]) -> String {
        "[" + values.map(literal).joined(separator: ", ") + "]"
    }

    /// A raw string literal holding `text` exactly, with enough `#`s.
    static func literal(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        if text.contains("\n") || text.contains("\r") {
            // Multi-line raw literal; a trailing newline is represented by an empty last line.
            // Carriage returns would be normalised away by the compiler, so escape them.
            if text.contains("\r") {
                return hashes + "\"" + text.replacingCRs(hashes: hashes) + "\"" + hashes
            }
            return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
        }
        return hashes + "\"" + text + "\"" + hashes
    }
}

extension String {
    fileprivate func replacingCRs(hashes: String) -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\r": out += "\\" + hashes + "r"
            case "\n": out += "\\" + hashes + "n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
