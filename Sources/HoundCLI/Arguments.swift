import HoundSupport

/// A declared command-line interface: flags, options with values, positionals; enough to parse
/// and to print `--help`.
struct CommandSpec: Sendable {
    /// One option or flag.
    struct Option: Sendable {
        /// The long name, without `--`; values are stored under it.
        var name: String
        /// The value's placeholder in the help (`N`, `FILE`), or nil for a flag.
        var value: String?
        /// One line of help.
        var help: String
        /// Whether the option may be given more than once.
        var repeatable = false
        /// The one-letter spelling (`-j`); its value may be attached (`-j1`) or follow (`-j 1`).
        var short: Character?
        /// Other long names accepted for it (`--jobs` for `--workers`).
        var aliases: [String] = []
        /// The values it accepts, when they are a fixed list (formats); shell completion offers them.
        var choices: [String] = []
    }

    var name: String
    var summary: String
    var usage: String
    var options: [Option]
    var positionals: String?
    var discussion: String = ""
    /// The values the positional arguments take, when they are a fixed list (shells).
    var positionalChoices: [String] = []

    /// The option called `name`, by its long name or an alias.
    func option(named name: String) -> Option? { options.first { $0.name == name || $0.aliases.contains(name) } }

    /// The `--help` text.
    var help: String {
        var out = "\(summary)\n\nUsage: keyhound \(usage)\n"
        if !options.isEmpty {
            out += "\nOptions:\n"
            let rows =
                options.map { o -> (String, String) in
                    var left = "  "
                    if let s = o.short { left += "-\(s), " }
                    left += "--\(o.name)"
                    if let v = o.value { left += " \(v)" }
                    let aliases =
                        o.aliases.isEmpty ? "" : " (also " + o.aliases.map { "--\($0)" }.joined(separator: ", ") + ")"
                    return (left, o.help + (o.repeatable ? " (repeatable)" : "") + aliases)
                } + [("  -h, --help", "Show this help.")]
            let width = min(38, rows.map(\.0.count).max() ?? 0)
            for (left, right) in rows {
                if left.count > width {
                    out += left + "\n" + String(repeating: " ", count: width + 2) + right + "\n"
                } else {
                    out += left.padding(to: width) + "  " + right + "\n"
                }
            }
        }
        if !discussion.isEmpty { out += "\n" + discussion + "\n" }
        return out
    }
}

/// The parsed command line of one command.
struct ParsedArguments: Sendable {
    var flags: Set<String> = []
    var values: [String: [String]] = [:]
    var positionals: [String] = []
    var wantsHelp = false

    /// Flags in the order given, for options where the last one wins (`--color` / `--no-color`).
    var flagOrder: [String] = []

    func has(_ flag: String) -> Bool { flags.contains(flag) }
    /// Which of `names` was given last, if any.
    func lastFlag(of names: [String]) -> String? { flagOrder.last { names.contains($0) } }
    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
}

/// A usage error: exit status 64 with the message and a pointer to `--help`.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    var command: String
    var description: String { "keyhound \(command): \(message)\nRun 'keyhound \(command) --help' for usage." }
}

enum ArgumentParser {
    /// Parses `arguments` against `spec`. `--` ends options; `-` is a positional (stdin).
    static func parse(_ arguments: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if optionsEnded || arg == "-" || !arg.hasPrefix("-") {
                parsed.positionals.append(arg)
                continue
            }
            if arg == "--" {
                optionsEnded = true
                continue
            }
            if arg == "-h" || arg == "--help" {
                parsed.wantsHelp = true
                continue
            }
            var name: String
            var inlineValue: String?
            if arg.hasPrefix("--") {
                name = String(arg.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
            } else {
                // `-j 1`, or the value attached as getopt does: `-j1`, `-ofile.json`.
                let short = arg.dropFirst()
                guard let o = spec.options.first(where: { $0.short == short.first }), short.count == 1 || o.value != nil
                else {
                    throw UsageError(message: "unknown option '\(arg)'", command: spec.name)
                }
                name = o.name
                if short.count > 1 { inlineValue = String(short.dropFirst()) }
            }
            guard let option = spec.option(named: name) else {
                let hint =
                    EditDistance.suggestion(for: name, among: spec.options.flatMap { [$0.name] + $0.aliases }).map {
                        " (did you mean '--\($0)'?)"
                    } ?? ""
                throw UsageError(message: "unknown option '--\(name)'\(hint)", command: spec.name)
            }
            name = option.name
            if option.value != nil {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard i < arguments.count else {
                        throw UsageError(
                            message: "option '--\(name)' needs a value \(option.value!)", command: spec.name)
                    }
                    value = arguments[i]
                    i += 1
                }
                if !option.repeatable, parsed.values[name] != nil {
                    throw UsageError(message: "option '--\(name)' given twice", command: spec.name)
                }
                parsed.values[name, default: []].append(value)
            } else {
                guard inlineValue == nil else {
                    throw UsageError(message: "flag '--\(name)' takes no value", command: spec.name)
                }
                parsed.flags.insert(name)
                parsed.flagOrder.append(name)
            }
        }
        if spec.positionals == nil, let first = parsed.positionals.first, !parsed.wantsHelp {
            throw UsageError(message: "unexpected argument '\(first)'", command: spec.name)
        }
        return parsed
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
