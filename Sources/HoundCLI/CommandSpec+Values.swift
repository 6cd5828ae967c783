import HoundReport

/// What a command-line value is, as far as the spec knows: shell completion and the man page
/// read it (`FILE` placeholders complete as files, fixed lists as their words).
enum ValueKind: Equatable, Sendable {
    /// A file (or `-` for a stream).
    case file
    /// A folder.
    case directory
    /// One of these words.
    case choices([String])
    /// A keyhound command (`help COMMAND`).
    case command
    /// Free text: a name, a number, a date, a range.
    case text

    /// The kind of a value shown as `placeholder` (`FILE`, `DIR`, `PATH...`), or one of `choices`.
    init(placeholder: String, choices: [String]) {
        if !choices.isEmpty {
            self = .choices(choices)
            return
        }
        let word = placeholder.prefix { $0.isLetter }
        switch word {
        case "FILE", "PATH", "REPORT", "REPO": self = .file
        case "DIR": self = .directory
        case "COMMAND": self = .command
        default: self = .text
        }
    }
}

extension CommandSpec.Option {
    /// What the option's value is; nil for a flag.
    var valueKind: ValueKind? { value.map { ValueKind(placeholder: $0, choices: choices) } }

    /// Every long name it answers to, its own first.
    var longNames: [String] { [name] + aliases }

    /// Every spelling of it on a command line: `-f`, `--format`, then aliases.
    var spellings: [String] { (short.map { ["-\($0)"] } ?? []) + longNames.map { "--\($0)" } }

    /// The formats of a report (`scan`, `sweep`, `report merge`): every `ReportFormat`.
    static let reportFormats = ReportFormat.allCases.map(\.rawValue)

    /// The formats of commands that print a listing or a status: `text` or `json`.
    static let textOrJSON = ["text", "json"]
}

extension CommandSpec {
    /// What the positional arguments are; nil when the command takes none.
    var positionalKind: ValueKind? {
        positionals.map { ValueKind(placeholder: $0, choices: positionalChoices) }
    }

    /// `-h, --help`, which every command takes.
    static let helpOption = Option(name: "help", help: "Show this help.", short: "h")

    /// The declared options and `--help`.
    var optionsWithHelp: [Option] { options + [Self.helpOption] }

    /// The command's words (`["rotate", "status"]`).
    var words: [String] { name.split(separator: " ").map(String.init) }

    /// The name of the shell function that completes the command's arguments
    /// (`_keyhound_rotate_status`, `_keyhound_inventory_fingerprint`).
    var shellFunctionName: String {
        "_keyhound_" + String(name.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
