/// `keyhound completions bash`: a bash (4.1 or later) completion function written from the
/// command specs. It completes commands, sub-commands, every option, the values of options whose
/// spec knows them (formats, files, folders) and file arguments.
enum BashCompletion {
    /// The script for `tree`.
    static func script(_ tree: CommandTree, version: String) -> String {
        var out = """
            # bash completion for keyhound \(version), written by 'keyhound completions bash' from the
            # same command specs as --help. Needs bash 4.1 or later. Install:
            #   keyhound completions bash > ~/.local/share/bash-completion/completions/keyhound
            # or add to ~/.bashrc:  source <(keyhound completions bash)

            _keyhound_words() { mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur"); }
            _keyhound_files() { compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); }
            _keyhound_dirs() { compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$cur"); }


            """
        for spec in tree.specs { out += function(spec, tree: tree) + "\n" }
        out += dispatcher(tree)
        out += "complete -F _keyhound keyhound\n"
        return out
    }

    /// `_keyhound`: finds the command in `COMP_WORDS` (first word, then a sub-command) and calls its
    /// function; `--option=value` is split by bash at `=`, so `prev` skips the `=`.
    static func dispatcher(_ tree: CommandTree) -> String {
        let firstWords = tree.entries.map(\.word) + CommandTree.topLevelOptions.flatMap(\.spellings)
        var out = """
            _keyhound() {
                local cur="${COMP_WORDS[COMP_CWORD]}" prev=""
                if (( COMP_CWORD > 0 )); then prev="${COMP_WORDS[COMP_CWORD-1]}"; fi
                if [[ $cur == "=" ]]; then
                    cur=""
                elif [[ $prev == "=" ]] && (( COMP_CWORD > 1 )); then
                    prev="${COMP_WORDS[COMP_CWORD-2]}"
                fi
                COMPREPLY=()
                if (( COMP_CWORD == 1 )); then
                    _keyhound_words "\(firstWords.joined(separator: " "))"
                    return 0
                fi
                case "${COMP_WORDS[1]}" in

            """
        for entry in tree.entries {
            out += "        \(entry.word))\n"
            if !entry.subcommands.isEmpty {
                let words = entry.subcommandWords.joined(separator: " ")
                let offer = entry.command == nil ? "" : " && [[ $cur != -* ]]"
                out += """
                                if (( COMP_CWORD == 2 ))\(offer); then
                                    _keyhound_words "\(words)"
                                    return 0
                                fi
                                case "${COMP_WORDS[2]}" in

                    """
                for sub in entry.subcommands {
                    out += "                \(sub.words[1])) \(sub.shellFunctionName); return 0 ;;\n"
                }
                out += "            esac\n"
            }
            if let command = entry.command { out += "            \(command.shellFunctionName)\n" }
            out += "            ;;\n"
        }
        out += "    esac\n}\n"
        return out
    }

    /// The function completing one command's options, their values and its positionals.
    static func function(_ spec: CommandSpec, tree: CommandTree) -> String {
        var out = "\(spec.shellFunctionName)() {\n"
        let valued = spec.options.filter { $0.value != nil }
        if !valued.isEmpty {
            out += "    case \"$prev\" in\n"
            for option in valued {
                let patterns = option.spellings.joined(separator: "|")
                out += "        \(patterns)) \(reply(option.valueKind ?? .text, tree: tree)) return 0 ;;\n"
            }
            out += "    esac\n"
        }
        let options = spec.optionsWithHelp.flatMap(\.spellings).joined(separator: " ")
        out += "    if [[ $cur == -* ]]; then _keyhound_words \"\(options)\"; return 0; fi\n"
        if let kind = spec.positionalKind { out += "    \(reply(kind, tree: tree))\n" }
        out += "}\n"
        return out
    }

    /// The statement filling `COMPREPLY` for a value of `kind` (`:` for free text: nothing to offer).
    static func reply(_ kind: ValueKind, tree: CommandTree) -> String {
        switch kind {
        case .file: "_keyhound_files;"
        case .directory: "_keyhound_dirs;"
        case .choices(let words): "_keyhound_words \"\(words.joined(separator: " "))\";"
        case .command: "_keyhound_words \"\(tree.entries.map(\.word).joined(separator: " "))\";"
        case .text: ":;"
        }
    }
}
