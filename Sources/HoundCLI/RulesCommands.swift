import HoundEngine
import HoundJSON
import HoundSupport
import HoundRules

/// `keyhound version`.
enum VersionCommand: Command {
    static let spec = CommandSpec(name: "version", summary: "Print keyhound's version.", usage: "version", options: [])

    static func run(_ context: CommandContext) throws -> ExitStatus {
        context.console.out("keyhound \(KeyhoundMain.version)\n")
        return .clean
    }
}

/// `keyhound rules list`: every rule in effect (built-in plus configuration).
enum RulesListCommand: Command {
    static let spec = CommandSpec(
        name: "rules list", summary: "List the rules in effect (built-in and from configuration).",
        usage: "rules list [--config FILE] [--format text|json]",
        options: [
            .init(name: "config", value: "FILE", help: "Configuration file (default: .keyhound.toml at the repository root)."),
            .init(name: "format", value: "FORMAT", help: "text (default) or json.", choices: CommandSpec.Option.textOrJSON),
        ])

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let loaded = try ConfigurationLoader.load(context)
        try loaded.requireRules()
        // Listed rules must compile: a rule with an invalid regex is an error here too (exit 2).
        _ = try CompiledRules(loaded.ruleSet)
        let format = context.arguments.value("format") ?? "text"
        switch format {
        case "text":
            var out = ""
            let width = min(40, (loaded.ruleSet.rules.map(\.id.count).max() ?? 0))
            for rule in loaded.ruleSet.rules {
                out += rule.id.padding(to: width) + "  " + rule.confidence.rawValue.padding(to: 6) + "  " + rule.description + "\n"
            }
            out += Plural.count(loaded.ruleSet.rules.count, "rule") + "\n"
            context.console.out(out)
        case "json":
            // One rule per line.
            var writer = JSONWriter(layout: .pretty)
            writer.beginArray()
            for rule in loaded.ruleSet.rules {
                let item: JSONValue = .object([
                    ("id", .string(rule.id)), ("description", .string(rule.description)),
                    ("confidence", .string(rule.confidence.rawValue)), ("keywords", .strings(rule.keywords)),
                    ("tags", .strings(rule.tags)), ("source", .string(rule.source.description)),
                ])
                writer.write(item, layout: .inline)
            }
            writer.end()
            writer.newline()
            context.console.out(String(decoding: writer.sink, as: UTF8.self))
        default:
            throw UsageError(message: "unknown format '\(format)': use text or json", command: spec.name)
        }
        return .clean
    }
}

/// `keyhound rules check [FILE]`: runs each rule's examples through the real scanner.
enum RulesCheckCommand: Command {
    static let spec = CommandSpec(
        name: "rules check", summary: "Check rules against their own examples and negative examples.",
        usage: "rules check [FILE...]",
        options: [],
        positionals: "FILE",
        discussion: """
            Each example must yield a finding of its rule, each negative example none, also after a
            line of multi-byte text and with CRLF line endings. Without FILE, checks the built-in
            rules. FILE may be a patterns file, a .keyhound.toml or a .gitleaks.toml.
            Exit status: 0 all pass, 1 a check failed, 2 a file could not be read or parsed.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        var failures: [RuleSelfCheck.Failure] = []
        var checked = 0
        if context.arguments.positionals.isEmpty {
            let rules = try BuiltinRules.withExamples()
            checked = rules.count
            failures = try RuleSelfCheck.check(rules, scanWith: RuleSet(rules: rules))
        } else {
            for path in context.arguments.positionals {
                let text = try FileText.read(path, relativeTo: context.workingDirectory, kind: .rules)
                let config = try Configuration.decode(text, file: path, hint: ConfigurationDialect.hint(forPath: path))
                for warning in config.warnings { context.console.err("warning: \(warning)\n") }
                checked += config.rules.count
                failures += try RuleSelfCheck.check(
                    config.rules, scanWith: RuleSet(rules: config.rules), requireExamples: config.dialect == .keyhound)
            }
        }
        for failure in failures { context.console.out("FAIL \(failure)\n") }
        context.console.out(
            "\(Plural.count(checked, "rule")) checked, \(Plural.count(failures.count, "failure"))\n")
        return failures.isEmpty ? .clean : .findings
    }
}
