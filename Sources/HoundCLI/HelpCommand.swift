import HoundSupport

/// `keyhound help [COMMAND [SUBCOMMAND]]` prints the list of commands or one command's help;
/// `keyhound help --man` prints the manual page, written from the same specs.
enum HelpCommand: Command {
    static let spec = CommandSpec(
        name: "help", summary: "Show the list of commands, one command's help, or the manual page (--man).",
        usage: "help [COMMAND [SUBCOMMAND]] | help --man",
        options: [
            .init(name: "man", help: "Print the manual page keyhound(1) in roff, e.g. for man -l.")
        ],
        positionals: "COMMAND",
        discussion: """
            The manual page holds every command's help. Read it with:
              keyhound help --man | man -l -
            or install it: keyhound help --man > ~/.local/share/man/man1/keyhound.1
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let words = context.arguments.positionals
        if context.arguments.has("man") {
            guard words.isEmpty else {
                throw UsageError(message: "--man prints the page of every command; give no COMMAND", command: spec.name)
            }
            context.console.out(ManPage.render(.keyhound, version: KeyhoundMain.version))
        } else if words.isEmpty {
            context.console.out(KeyhoundMain.overview)
        } else if let (command, rest) = KeyhoundMain.lookup(words), rest.isEmpty {
            context.console.out(command.spec.help)
        } else if words.count == 1, let list = KeyhoundMain.groupList(words[0]) {
            context.console.out("Usage: keyhound \(words[0]) SUBCOMMAND [OPTIONS]\n\nSubcommands:\n\(list)\n")
        } else {
            throw UsageError(message: "no command '\(words.joined(separator: " "))'", command: spec.name)
        }
        return .clean
    }
}
