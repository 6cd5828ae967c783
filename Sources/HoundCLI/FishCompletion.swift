/// `keyhound completions fish`: `complete` lines written from the command specs: commands and
/// sub-commands with their summaries, every option with its help, option values the spec knows
/// (formats, files, folders) and file arguments. Files are offered only where a file goes.
enum FishCompletion {
    /// The script for `tree`.
    static func script(_ tree: CommandTree, version: String) -> String {
        let pairs = tree.specs.filter { $0.words.count == 2 }.map { quoted($0.name) }
        var out = """
            # fish completion for keyhound \(version), written by 'keyhound completions fish' from the
            # same command specs as --help. Install:
            #   keyhound completions fish > ~/.config/fish/completions/keyhound.fish

            function __keyhound_command --description 'The keyhound command on the line so far'
                set -l tokens (commandline -opc)
                if test (count $tokens) -lt 2
                    return
                end
                if test (count $tokens) -ge 3
                    switch "$tokens[2] $tokens[3]"
                        case \(pairs.joined(separator: " "))
                            echo "$tokens[2] $tokens[3]"
                            return
                    end
                end
                echo $tokens[2]
            end

            function __keyhound_is --description 'Whether the command being completed is $argv[1]'
                set -l command (__keyhound_command)
                test "$command" = "$argv[1]"
            end

            function __keyhound_needs_command --description 'Whether no command is on the line yet'
                test (count (commandline -opc)) -eq 1
            end

            function __keyhound_needs_subcommand --description 'Whether a sub-command of $argv[1] comes next'
                set -l tokens (commandline -opc)
                test (count $tokens) -eq 2; and test "$tokens[2]" = "$argv[1]"
            end

            complete -c keyhound -f

            """
        for entry in tree.entries {
            out +=
                "complete -c keyhound -n __keyhound_needs_command -a \(quoted(entry.word)) -d \(quoted(entry.summary))\n"
        }
        for option in CommandTree.topLevelOptions {
            out += "complete -c keyhound -n __keyhound_needs_command" + names(option) + " -d \(quoted(option.help))\n"
        }
        for entry in tree.entries where !entry.subcommands.isEmpty {
            let condition = quoted("__keyhound_needs_subcommand \(entry.word)")
            for sub in entry.subcommands {
                out += "complete -c keyhound -n \(condition) -a \(quoted(sub.words[1])) -d \(quoted(sub.summary))\n"
            }
        }
        for spec in tree.specs {
            out += "\n"
            let condition = quoted("__keyhound_is \"\(spec.name)\"")
            for option in spec.optionsWithHelp {
                var line = "complete -c keyhound -n \(condition)" + names(option)
                if let kind = option.valueKind { line += " " + argument(kind, tree: tree) }
                out += line + " -d \(quoted(option.help))\n"
            }
            if let kind = spec.positionalKind, kind != .text {
                out += "complete -c keyhound -n \(condition) \(argument(kind, tree: tree, positional: true))\n"
            }
        }
        return out
    }

    /// `-s f -l format -l alias`.
    static func names(_ option: CommandSpec.Option) -> String {
        (option.short.map { " -s \($0)" } ?? "") + option.longNames.map { " -l \($0)" }.joined()
    }

    /// The `complete` flags for a value of `kind`: files (`-F`), folders, words, or nothing to
    /// offer; an option's value is also required (`-r`, or `-x` when files are not offered).
    static func argument(_ kind: ValueKind, tree: CommandTree, positional: Bool = false) -> String {
        let required = positional ? "" : "-x "
        switch kind {
        case .file: return positional ? "-F" : "-r -F"
        case .directory: return required + "-a '(__fish_complete_directories)'"
        case .choices(let words): return required + "-a " + quoted(words.joined(separator: " "))
        case .command: return required + "-a " + quoted(tree.entries.map(\.word).joined(separator: " "))
        case .text: return "-x"
        }
    }

    /// `text` in fish single quotes.
    static func quoted(_ text: String) -> String {
        "'" + text.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
    }
}
