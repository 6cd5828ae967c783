/// `keyhound completions zsh`: a zsh completion function (`_keyhound`, for `compinit`) written
/// from the command specs: commands and sub-commands with their summaries, every option with its
/// help, option values the spec knows (formats, files, folders) and file arguments.
enum ZshCompletion {
    /// The script for `tree`.
    static func script(_ tree: CommandTree, version: String) -> String {
        var out = """
            #compdef keyhound
            # zsh completion for keyhound \(version), written by 'keyhound completions zsh' from the
            # same command specs as --help. Install into a folder of $fpath:
            #   keyhound completions zsh > ~/.zfunc/_keyhound
            # with fpath=(~/.zfunc $fpath) in ~/.zshrc before compinit; or add to ~/.zshrc after
            # compinit:  source <(keyhound completions zsh)


            """
        for spec in tree.specs { out += function(spec, tree: tree) + "\n" }
        out += dispatcher(tree)
        out += """

            if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
                _keyhound "$@"
            else
                compdef _keyhound keyhound
            fi

            """
        return out
    }

    /// `_keyhound`: the first word (commands, `--help`, `--version`), then each command's function
    /// with `words` shifted so that `_arguments` sees the command's own arguments.
    static func dispatcher(_ tree: CommandTree) -> String {
        let commands = tree.entries.map { quoted(describeEscaped($0.word) + ":" + $0.summary) }
        let topLevel = CommandTree.topLevelOptions.flatMap { option in
            option.spellings.map { quoted("(- *)" + $0 + "[" + bracketEscaped(option.help) + "]") }
        }
        var out = """
            _keyhound() {
                if (( CURRENT == 2 )); then
                    local -a commands
                    commands=(
                        \(commands.joined(separator: "\n            "))
                    )
                    if [[ $PREFIX == -* ]]; then
                        _arguments \(topLevel.joined(separator: " "))
                    else
                        _describe -t commands 'keyhound command' commands
                    fi
                    return
                fi
                case ${words[2]} in

            """
        for entry in tree.entries {
            out += "        \(entry.word))\n"
            if !entry.subcommands.isEmpty {
                let subcommands = entry.subcommands.map { quoted(describeEscaped($0.words[1]) + ":" + $0.summary) }
                let offer = entry.command == nil ? "" : " && [[ $PREFIX != -* ]]"
                out += """
                                if (( CURRENT == 3 ))\(offer); then
                                    local -a subcommands
                                    subcommands=(\(subcommands.joined(separator: " ")))
                                    _describe -t commands 'keyhound \(entry.word) sub-command' subcommands
                                    return
                                fi
                                case ${words[3]} in

                    """
                for sub in entry.subcommands {
                    out +=
                        "                \(sub.words[1])) shift 2 words; (( CURRENT -= 2 )); \(sub.shellFunctionName); return ;;\n"
                }
                out += "            esac\n"
            }
            if let command = entry.command {
                out += "            shift words; (( CURRENT-- )); \(command.shellFunctionName)\n"
            }
            out += "            ;;\n"
        }
        out += "    esac\n}\n"
        return out
    }

    /// The `_arguments` call of one command.
    static func function(_ spec: CommandSpec, tree: CommandTree) -> String {
        var lines: [String] = []
        for option in spec.optionsWithHelp {
            let exclusive =
                option.name == "help"
                ? "(- *)" : option.repeatable ? "*" : "(" + option.spellings.joined(separator: " ") + ")"
            let description = "[" + bracketEscaped(option.help) + "]"
            for spelling in option.spellings {
                var item = exclusive + spelling
                if let placeholder = option.value {
                    item += (spelling.hasPrefix("--") ? "=" : "+") + description + ":" + placeholder + ":"
                    item += action(option.valueKind ?? .text, tree: tree)
                } else {
                    item += description
                }
                lines.append(quoted(item))
            }
        }
        if let kind = spec.positionalKind, let placeholder = spec.positionals {
            let message = placeholder.prefix { $0.isLetter }
            let repeated: String
            if case .choices = kind {
                repeated = ""
            } else if case .command = kind {
                repeated = ""
            } else {
                repeated = "*"
            }
            lines.append(quoted(repeated + ":" + message + ":" + action(kind, tree: tree)))
        }
        return "\(spec.shellFunctionName)() {\n    _arguments -S \\\n        " + lines.joined(separator: " \\\n        ")
            + "\n}\n"
    }

    /// The `_arguments` action for a value of `kind`.
    static func action(_ kind: ValueKind, tree: CommandTree) -> String {
        switch kind {
        case .file: "_files"
        case .directory: "_files -/"
        case .choices(let words): "(" + words.joined(separator: " ") + ")"
        case .command: "(" + tree.entries.map(\.word).joined(separator: " ") + ")"
        case .text: " "
        }
    }

    /// `text` in single quotes.
    static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }

    /// Help text for inside `[...]` of an `_arguments` spec.
    static func bracketEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "[" || character == "]" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// A word for the left of `_describe`'s `word:description`.
    static func describeEscaped(_ word: String) -> String {
        word.replacing(":", with: "\\:")
    }
}
