import HoundRules
import HoundSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The command line: `keyhound COMMAND [SUBCOMMAND] [OPTIONS]`. Parses, dispatches, maps errors
/// to exit statuses, once.
public enum KeyhoundMain {
    /// The version printed by `keyhound version` and written into reports.
    public static let version = "0.1.0"

    /// Commands by their full name (`scan`, `rules list`...).
    static let commands: [String: any Command.Type] = {
        var table: [String: any Command.Type] = [:]
        for command in allCommands { table[command.spec.name] = command }
        return table
    }()

    static let allCommands: [any Command.Type] = [
        ScanCommand.self, BaselineCreateCommand.self, BaselineUpdateCommand.self, BaselineImportCommand.self, RulesListCommand.self, RulesCheckCommand.self,
        InventoryAddCommand.self, InventoryListCommand.self, InventoryRemoveCommand.self, InventoryCheckCommand.self,
        InventoryAuditCommand.self, InventoryImportCommand.self, InventoryFingerprintCommand.self, RotateCommand.self, RotateStatusCommand.self, AuditVerifyCommand.self, AuditHeadCommand.self,
        HooksInstallCommand.self, HooksUninstallCommand.self,
        SweepCommand.self, ReportMergeCommand.self, ReportHTMLCommand.self,
        VersionCommand.self, CompletionsCommand.self, HelpCommand.self,
    ]

    /// Runs the process's command line and exits with its status.
    public static func run() -> Never {
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        let environment = processEnvironment()
        let workingDirectory = currentDirectory()
        // The pre-commit hook's scan: ask git before anything else is set up (its answer is
        // most of the hook's latency). `scan` uses it only if its parsed mode is --staged.
        // Commands that run rotation steps stop a running step's process group on SIGTERM,
        // SIGINT or SIGHUP instead of leaving it running behind them.
        if arguments.first == "rotate" || arguments.contains("--on-leak") { TerminationSignal.install() }
        if arguments.first == "scan" && arguments.contains("--staged") {
            ScanCommand.startEarlyPrefetch(environment: environment, workingDirectory: workingDirectory)
        }
        let status = run(
            arguments: arguments, environment: environment, console: .process(), workingDirectory: workingDirectory)
        exit(status.rawValue)
    }

    /// Runs `arguments` (without the program name) and returns the exit status.
    static func run(arguments: [String], environment: [String: String], console: Console, workingDirectory: String)
        -> ExitStatus
    {
        guard let first = arguments.first else {
            console.err(overview)
            return .usage
        }
        if first == "-h" || first == "--help" {
            if arguments.count > 1, let command = lookup(Array(arguments.dropFirst())) {
                console.out(command.0.spec.help)
            } else {
                console.out(overview)
            }
            return .clean
        }
        if first == "--version" || first == "-V" {
            console.out("keyhound \(version)\n")
            return .clean
        }
        guard let (command, rest) = lookup(arguments) else {
            if let list = groupList(first) {
                if arguments.contains("--help") || arguments.contains("-h") {
                    console.out("Usage: keyhound \(first) SUBCOMMAND [OPTIONS]\n\nSubcommands:\n\(list)\n")
                    return .clean
                }
                let what = arguments.count > 1 ? "unknown sub-command '\(arguments[1])'" : "expected a sub-command"
                console.err("keyhound \(first): \(what)\n\(list)\n")
                return .usage
            }
            let known = Array(Set(commands.keys.map { String($0.split(separator: " ")[0]) })).sorted()
            let hint = EditDistance.hint(for: first, among: known, quote: "'")
            console.err("keyhound: unknown command '\(first)'\(hint)\nRun 'keyhound --help' for the list of commands.\n")
            return .usage
        }
        do {
            let parsed = try ArgumentParser.parse(rest, spec: command.spec)
            if parsed.wantsHelp {
                console.out(command.spec.help)
                return .clean
            }
            return try command.run(
                CommandContext(
                    arguments: parsed, environment: environment, console: console,
                    workingDirectory: workingDirectory))
        } catch let error as UsageError {
            console.err(error.description + "\n")
            return .usage
        } catch let error as CLIError {
            console.err("keyhound \(command.spec.name): \(error.message)\n")
            return error.status
        } catch {
            console.err("keyhound \(command.spec.name): \(error)\n")
            return .incomplete
        }
    }

    /// Sub-commands of each command group.
    static var groups: [String: [String]] {
        var out: [String: [String]] = [:]
        for name in commands.keys where name.contains(" ") {
            let parts = name.split(separator: " ")
            out[String(parts[0]), default: []].append(String(parts[1]))
        }
        return out.mapValues { $0.sorted() }
    }

    /// The sub-commands of the group `word` with their summaries, one a line; nil when `word`
    /// is no group.
    static func groupList(_ word: String) -> String? {
        guard let group = groups[word] else { return nil }
        let width = (group.map(\.count).max() ?? 0) + word.count + 5
        return group.map { sub in
            "  \(word) \(sub)".padding(to: width) + (commands["\(word) \(sub)"]?.spec.summary ?? "")
        }.joined(separator: "\n")
    }

    /// The command named by the first one or two `arguments`, and the arguments after its name.
    static func lookup(_ arguments: [String]) -> ((any Command.Type), [String])? {
        if arguments.count >= 2, let c = commands["\(arguments[0]) \(arguments[1])"] {
            return (c, Array(arguments.dropFirst(2)))
        }
        if let c = commands[arguments[0]] { return (c, Array(arguments.dropFirst())) }
        return nil
    }

    /// What keyhound does, in one sentence on two lines (the overview and the manual page's NAME).
    static let tagline = """
        find hard-coded secrets in git repositories, cross-reference them with
        your key inventory, and rotate leaked keys
        """

    /// The list of commands that `keyhound --help` and `keyhound help` print.
    static var overview: String {
        var out = """
            keyhound \(version): \(tagline).

            Usage: keyhound COMMAND [OPTIONS]

            Commands:

            """
        // The widest name sets the column ("inventory fingerprint" ran into its summary).
        let width = (allCommands.map { $0.spec.name.count }.max() ?? 0) + 2
        for command in allCommands {
            out += "  " + command.spec.name.padding(to: width) + command.spec.summary + "\n"
        }
        out += "\nRun 'keyhound COMMAND --help' for a command's options.\n"
        out += "Exit status: 0 clean, 1 findings, 2 could not complete, 64 usage error.\n"
        return out
    }

    static func processEnvironment() -> [String: String] { Subprocess.inheritedEnvironment() }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
