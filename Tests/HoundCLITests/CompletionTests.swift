import Foundation
import Testing

@testable import HoundCLI

/// `keyhound completions bash|zsh|fish`: scripts written from the command specs, checked by the
/// shells themselves (syntax, then completing real command lines), and complete: every command,
/// sub-command and option of every spec appears in each.
@Suite("shell completion")
struct CompletionTests {
    static let shells = CompletionsCommand.shells

    /// `keyhound completions SHELL`, run in-process.
    static func script(_ shell: String) throws -> String {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let run = sandbox.keyhound(["completions", shell], in: sandbox.root)
        guard run.status == 0, run.stderr.isEmpty else { throw SandboxError("completions \(shell): \(run)") }
        return run.stdout
    }

    @Test("every command, sub-command, option and known value is in every script", arguments: shells)
    func everyOptionOfEverySpec(_ shell: String) throws {
        let script = try Self.script(shell)
        for spec in CommandTree.keyhound.specs {
            for word in spec.words {
                #expect(script.contains("'\(word)") || script.contains(" \(word)"), "\(shell): \(spec.name)")
            }
            for option in spec.optionsWithHelp {
                for spelling in option.spellings {
                    // fish names options as `-s f` / `-l format`; bash and zsh as on the command line.
                    let expected =
                        shell != "fish"
                        ? spelling
                        : spelling.hasPrefix("--") ? "-l \(spelling.dropFirst(2))" : "-s \(spelling.dropFirst())"
                    #expect(script.contains(expected), "\(shell): \(spec.name) \(spelling)")
                }
                for choice in option.choices {
                    #expect(script.contains(choice), "\(shell): \(spec.name) --\(option.name) \(choice)")
                }
            }
        }
    }

    @Test("every option with a FORMAT knows its formats; shells are known values")
    func formatsAreChoices() {
        for spec in CommandTree.keyhound.specs {
            for option in spec.options where option.value == "FORMAT" {
                #expect(!option.choices.isEmpty, "\(spec.name) --\(option.name)")
                for choice in option.choices { #expect(option.help.contains(choice), "\(spec.name): \(choice)") }
            }
        }
        #expect(CompletionsCommand.spec.positionalKind == .choices(["bash", "zsh", "fish"]))
        #expect(ScanCommand.spec.option(named: "output")?.valueKind == .file)
        #expect(SweepCommand.spec.option(named: "cache")?.valueKind == .directory)
        #expect(ScanCommand.spec.option(named: "diff")?.valueKind == .text)
    }

    @Test("bad usage is a usage error; --help explains the install")
    func usage() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        for arguments in [["completions"], ["completions", "tcsh"], ["completions", "bash", "zsh"]] {
            let run = sandbox.keyhound(arguments, in: sandbox.root)
            #expect(run.status == 64, "\(arguments): \(run)")
            #expect(run.stdout.isEmpty)
        }
        let help = sandbox.keyhound(["completions", "--help"], in: sandbox.root)
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage: keyhound completions bash|zsh|fish"), "\(help)")
        #expect(help.stdout.contains("bash-completion/completions/keyhound"), "\(help)")
    }

    @Test(
        "bash: the script loads, registers _keyhound, and completes commands, options, values and files",
        .enabled(if: Built.which("bash") != nil, "bash is not installed"),
        .enabled(if: Built.binary != nil, "the keyhound binary was not built"))
    func bash() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        try sandbox.write("shard-1.jsonl", "", in: sandbox.root)
        try sandbox.write("shard-2.jsonl", "", in: sandbox.root)
        try FileManager.default.createDirectory(atPath: sandbox.path("shards"), withIntermediateDirectories: true)
        // Each case: the words on the line (the last one being completed) and what bash offers.
        let cases: [(words: [String], offered: [String])] = [
            (["keyhound", "sc"], ["scan"]),
            (["keyhound", "--ver"], ["--version"]),
            (["keyhound", "baseline", ""], ["create", "update", "import"]),
            (["keyhound", "rotate", "st"], ["status"]),
            (["keyhound", "scan", "--for"], ["--format"]),
            (["keyhound", "scan", "--j"], ["--jobs"]),
            (["keyhound", "scan", "--format", "s"], ["sarif"]),
            (["keyhound", "scan", "-f", "g"], ["github", "gitleaks"]),
            (["keyhound", "scan", "--format", "=", "js"], ["json", "jsonl"]),
            (["keyhound", "rotate", "status", "--format", ""], ["text", "json"]),
            (["keyhound", "inventory", "add", "k", "--on-leak", "r"], ["report", "rotate"]),
            (["keyhound", "report", "merge", "shard-"], ["shard-1.jsonl", "shard-2.jsonl"]),
            (["keyhound", "scan", "--output", "sha"], ["shard-1.jsonl", "shard-2.jsonl", "shards"]),
            (["keyhound", "sweep", "--state", "sha"], ["shards"]),
            (["keyhound", "completions", ""], ["bash", "zsh", "fish"]),
            (["keyhound", "help", "inv"], ["inventory"]),
            (["keyhound", "help", "--m"], ["--man"]),
            (["keyhound", "scan", "--diff", ""], []),
        ]
        var script = """
            source <(keyhound completions bash) || exit 3
            complete -p keyhound
            offered() {
                COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=()
                _keyhound
                if (( ${#COMPREPLY[@]} )); then printf '%s\\n' "${COMPREPLY[@]}" | sort | tr '\\n' ' '; fi; echo
            }

            """
        for (words, _) in cases { script += "offered " + words.map { "'\($0)'" }.joined(separator: " ") + "\n" }
        let result = try sandbox.spawn("bash", ["-c", script], in: sandbox.root)
        try #require(result.succeeded && result.stderrText.isEmpty, "\(result.stdoutText)\n\(result.stderrText)")
        var lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.removeFirst() == "complete -F _keyhound keyhound")
        for (index, (words, offered)) in cases.enumerated() {
            let got = lines.indices.contains(index) ? lines[index] : "(missing)"
            #expect(got == offered.sorted().map { $0 + " " }.joined(), "\(words.joined(separator: " "))")
        }
    }

    @Test(
        "zsh: zsh -n accepts the script; _keyhound hands each command's specs to _arguments",
        .enabled(if: Built.which("zsh") != nil, "zsh is not installed (apt-get install zsh)"))
    func zsh() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        try sandbox.write("_keyhound", try Self.script("zsh"), in: sandbox.root)
        let syntax = try sandbox.spawn("zsh", ["-n", "_keyhound"], in: sandbox.root)
        #expect(syntax.succeeded && syntax.stderrText.isEmpty, "\(syntax.stderrText)")
        // Stand-ins for the completion system print what they are given.
        let driver = """
            compdef() { print -r -- "compdef $*" }
            _arguments() { print -r -l -- "_arguments" "$@" }
            _describe() { print -r -- "_describe $3"; print -r -l -- ${(P)4} }
            source ./_keyhound
            words=(keyhound ''); CURRENT=2; PREFIX=''; _keyhound
            words=(keyhound scan --fo); CURRENT=3; PREFIX=--fo; _keyhound
            words=(keyhound inventory add key --on); CURRENT=5; PREFIX=--on; _keyhound
            words=(keyhound rotate ''); CURRENT=3; PREFIX=''; _keyhound
            """
        let run = try sandbox.spawn("zsh", ["-f", "-c", driver], in: sandbox.root)
        #expect(run.succeeded && run.stderrText.isEmpty, "\(run.stderrText)")
        let out = run.stdoutText
        #expect(out.contains("compdef _keyhound keyhound"), "\(out)")
        #expect(out.contains("scan:Scan files, staged changes, commit ranges or history for secrets."), "\(out)")
        #expect(
            out.contains(
                "(-f --format)--format=[text (default), json, jsonl, sarif, github or gitleaks.]:FORMAT:(text json jsonl sarif github gitleaks)"
            ), "\(out)")
        #expect(
            out.contains(
                "(-o --output)--output=[Write the report to FILE (atomically) instead of stdout.]:FILE:_files"),
            "\(out)")
        #expect(
            out.contains("--on-leak=[report (default), rotate or emergency.]:POLICY:(report rotate emergency)"),
            "\(out)")
        #expect(out.contains("status:List the rotations under way"), "\(out)")
    }

    @Test(
        "fish: fish -n accepts the script; complete -C offers commands, options, values and files",
        .enabled(if: Built.which("fish") != nil, "fish is not installed (apt-get install fish)"))
    func fish() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        try sandbox.write("keyhound.fish", try Self.script("fish"), in: sandbox.root)
        try sandbox.write("shard-1.jsonl", "", in: sandbox.root)
        let syntax = try sandbox.spawn("fish", ["--no-config", "-n", "keyhound.fish"], in: sandbox.root)
        #expect(syntax.succeeded && syntax.stderrText.isEmpty, "\(syntax.stderrText)")
        let cases: [(line: String, offered: [String])] = [
            ("keyhound sc", ["scan"]),
            ("keyhound baseline ", ["create", "import", "update"]),
            ("keyhound scan --for", ["--format"]),
            ("keyhound scan --format s", ["sarif"]),
            ("keyhound rotate status -", RotateStatusCommand.spec.optionsWithHelp.flatMap(\.spellings)),
            ("keyhound report merge sha", ["shard-1.jsonl"]),
            ("keyhound completions ", ["bash", "fish", "zsh"]),
            ("keyhound scan --diff ", []),
        ]
        var driver = "source keyhound.fish\n"
        for (line, _) in cases {
            driver += "echo (complete -C '\(line)' | string replace -r '\\t.*' '' | string join ' ')\n"
        }
        let run = try sandbox.spawn("fish", ["--no-config", "-c", driver], in: sandbox.root)
        try #require(run.succeeded && run.stderrText.isEmpty, "\(run.stdoutText)\n\(run.stderrText)")
        let lines = run.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, (line, offered)) in cases.enumerated() {
            let got = Set((lines.indices.contains(index) ? lines[index] : "").split(separator: " ").map(String.init))
            #expect(got == Set(offered), "\(line)")
        }
    }
}
