/// `keyhound help --man`: the manual page keyhound(1) in roff (man macros), written from the
/// same command specs as `--help`: every command with its usage, options and discussion.
enum ManPage {
    /// The page for `tree`.
    static func render(_ tree: CommandTree, version: String) -> String {
        var out = """
            .\\" keyhound(1), written by 'keyhound help --man' from the command specs behind --help.
            .TH KEYHOUND 1 "" "keyhound \(version)" "User Commands"
            .nh
            .ad l
            .SH NAME
            keyhound \\- \(escaped(KeyhoundMain.tagline.replacing("\n", with: " ")))
            .SH SYNOPSIS
            .B keyhound
            .I COMMAND
            .RI [ SUBCOMMAND ]
            .RI [ OPTIONS ]
            .br
            .B keyhound
            .I COMMAND
            .B \\-\\-help
            .br
            .B keyhound help \\-\\-man
            .SH DESCRIPTION
            keyhound finds hard\\-coded credentials in working trees, staged changes, commit ranges and
            whole histories, tells whether each one is a key of the organisation's inventory, and rotates
            a leaked key.
            Each command below prints the same text with
            .BR \\-\\-help .
            The README of the project documents configuration, formats and recipes.
            .SH OPTIONS

            """
        for option in CommandTree.topLevelOptions { out += item(option) }
        out += ".SH COMMANDS\n"
        for spec in tree.specs { out += section(spec) }
        out += """
            .SH "EXIT STATUS"
            .TP
            .B 0
            Clean: everything was scanned and nothing was found.
            .TP
            .B 1
            Findings (audits: something needs action).
            .TP
            .B 2
            Could not complete; what was found is still reported.
            .TP
            .B 64
            Usage error: unknown option, bad value, conflicting modes.
            .SH "SEE ALSO"
            .BR git (1),
            .BR pre\\-commit (1)

            """
        return out
    }

    /// One command: its name, summary, usage line, options and discussion.
    static func section(_ spec: CommandSpec) -> String {
        var out = ".SS \"keyhound \(escaped(spec.name))\"\n\(escaped(spec.summary))\n.PP\n"
        out += ".B keyhound\n" + escaped(spec.usage) + "\n"
        for option in spec.optionsWithHelp { out += item(option) }
        if !spec.discussion.isEmpty { out += ".PP\n" + discussion(spec.discussion) }
        return out
    }

    /// A command's discussion: prose is filled; indented lines (commands to type) are kept as
    /// they are, indented; the exit statuses that close most discussions get a paragraph.
    static func discussion(_ text: String) -> String {
        var out = ""
        var inExample = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingPrefixWhitespace()
            let isExample = !trimmed.isEmpty && trimmed.count < line.count
            if isExample != inExample {
                out += isExample ? ".RS 4\n.nf\n" : ".fi\n.RE\n"
                inExample = isExample
            }
            if trimmed.isEmpty {
                out += ".PP\n"
            } else {
                if !isExample && trimmed.hasPrefix("Exit status") { out += ".PP\n" }
                out += escaped(trimmed) + "\n"
            }
        }
        if inExample { out += ".fi\n.RE\n" }
        return out
    }

    /// One option as a tagged paragraph: every spelling, the value's placeholder, the help.
    static func item(_ option: CommandSpec.Option) -> String {
        var tag = option.spellings.map { "\\fB" + escaped($0) + "\\fR" }.joined(separator: ", ")
        if let value = option.value { tag += " \\fI" + escaped(value) + "\\fR" }
        let help = option.help + (option.repeatable ? " (repeatable)" : "")
        return ".TP\n" + tag + "\n" + escaped(help) + "\n"
    }

    /// `text` as roff input: backslashes and hyphens escaped, non-ASCII as `\[uXXXX]`, and a
    /// leading `.` or `'` kept from being read as a request.
    static func escaped<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            case _ where scalar.isASCII: out.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            }
        }
        if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
        return out
    }
}

extension StringProtocol {
    /// The text without its leading spaces and tabs.
    func trimmingPrefixWhitespace() -> Substring {
        let text = Substring(self)
        return text.drop { $0 == " " || $0 == "\t" }
    }
}
