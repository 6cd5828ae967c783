/// The commands as shell completion and the man page see them: the words a command line starts
/// with, and the sub-commands of each group (`baseline create`), all read from the specs that
/// `--help` prints.
struct CommandTree: Sendable {
    /// A word that may follow `keyhound`: a command, a group of sub-commands, or both (`rotate`).
    struct Entry: Sendable {
        /// The word (`scan`, `baseline`).
        var word: String
        /// One line for the completion menu.
        var summary: String
        /// The command this word runs by itself (`rotate`), if any.
        var command: CommandSpec?
        /// The sub-commands of this word (`rotate status`), in table order.
        var subcommands: [CommandSpec]

        /// The second words of the sub-commands (`create`, `update`, `import` for `baseline`).
        var subcommandWords: [String] { subcommands.map { $0.words.dropFirst().joined(separator: " ") } }
    }

    /// Every command spec, in the order of the command table.
    var specs: [CommandSpec]
    /// The first words, in the order of the command table.
    var entries: [Entry]

    /// The tree of `specs` (full names such as `inventory add`).
    init(_ specs: [CommandSpec]) {
        self.specs = specs
        var entries: [Entry] = []
        for spec in specs {
            let words = spec.words
            let index =
                entries.firstIndex { $0.word == words[0] }
                ?? {
                    entries.append(Entry(word: words[0], summary: "", command: nil, subcommands: []))
                    return entries.count - 1
                }()
            if words.count == 1 {
                entries[index].command = spec
                entries[index].summary = spec.summary
            } else {
                entries[index].subcommands.append(spec)
            }
        }
        for index in entries.indices where entries[index].command == nil {
            entries[index].summary = "Sub-commands: " + entries[index].subcommandWords.joined(separator: ", ") + "."
        }
        self.entries = entries
    }

    /// keyhound's own commands.
    static var keyhound: CommandTree { CommandTree(KeyhoundMain.allCommands.map { $0.spec }) }

    /// The options `keyhound` takes before any command.
    static let topLevelOptions: [CommandSpec.Option] = [
        .init(name: "help", help: "Show the list of commands.", short: "h"),
        .init(name: "version", help: "Print keyhound's version.", short: "V"),
    ]
}
