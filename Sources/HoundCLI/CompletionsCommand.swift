import HoundSupport

/// `keyhound completions bash|zsh|fish`: prints the shell's completion script, written from the
/// same command specs as `--help`.
enum CompletionsCommand: Command {
    /// The shells there is a script for.
    static let shells = ["bash", "zsh", "fish"]

    static let spec = CommandSpec(
        name: "completions", summary: "Print the completion script for a shell (bash, zsh or fish).",
        usage: "completions bash|zsh|fish",
        options: [],
        positionals: "SHELL",
        discussion: """
            The script completes every command, sub-command and option, the values of options that
            take a format or a file, and file arguments. Install it once:
              bash: keyhound completions bash > ~/.local/share/bash-completion/completions/keyhound
              zsh:  keyhound completions zsh > ~/.zfunc/_keyhound   (fpath=(~/.zfunc $fpath) before compinit)
              fish: keyhound completions fish > ~/.config/fish/completions/keyhound.fish
            Exit status: 0 printed, 64 no shell or an unknown one.
            """,
        positionalChoices: shells)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let positionals = context.arguments.positionals
        guard positionals.count == 1, let shell = positionals.first else {
            throw UsageError(message: "which shell? keyhound completions bash|zsh|fish", command: spec.name)
        }
        let tree = CommandTree.keyhound
        let version = KeyhoundMain.version
        switch shell {
        case "bash": context.console.out(BashCompletion.script(tree, version: version))
        case "zsh": context.console.out(ZshCompletion.script(tree, version: version))
        case "fish": context.console.out(FishCompletion.script(tree, version: version))
        default:
            throw UsageError(message: "unknown shell '\(shell)': use bash, zsh or fish", command: spec.name)
        }
        return .clean
    }
}
