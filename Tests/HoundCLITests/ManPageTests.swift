import Foundation
import Testing

@testable import HoundCLI

/// `keyhound help --man`: the manual page, written from the same specs as `--help`, holds every
/// command and option, and groff (and man, where installed) renders it without a warning.
@Suite("manual page and help")
struct ManPageTests {
    /// `keyhound help --man`, run in-process.
    static func page() throws -> String {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let run = sandbox.keyhound(["help", "--man"], in: sandbox.root)
        guard run.status == 0, run.stderr.isEmpty else { throw SandboxError("help --man: \(run)") }
        return run.stdout
    }

    @Test("every command and every option of every spec is on the page")
    func everyOptionOfEverySpec() throws {
        let page = try Self.page()
        #expect(page.hasPrefix(".\\\" keyhound(1)"))
        #expect(page.contains(".TH KEYHOUND 1 \"\" \"keyhound \(KeyhoundMain.version)\""))
        for spec in CommandTree.keyhound.specs {
            #expect(page.contains(".SS \"keyhound \(ManPage.escaped(spec.name))\"\n"), "\(spec.name)")
            for option in spec.optionsWithHelp {
                for spelling in option.spellings {
                    #expect(page.contains("\\fB\(ManPage.escaped(spelling))\\fR"), "\(spec.name) \(spelling)")
                }
            }
        }
        for option in CommandTree.topLevelOptions {
            #expect(page.contains("\\fB\\-\\-\(option.name)\\fR"), "--\(option.name)")
        }
    }

    @Test("roff escaping: backslashes, hyphens, requests at a line's start, non-ASCII")
    func escaping() {
        #expect(ManPage.escaped("a-b \\ c") == "a\\-b \\e c")
        #expect(ManPage.escaped(".keyhound") == "\\&.keyhound")
        #expect(ManPage.escaped("'scan' runs") == "\\&'scan' runs")
        #expect(ManPage.escaped("0 ≤ I < N é") == "0 \\[u2264] I < N \\[u00E9]")
    }

    @Test(
        "groff renders the page without a warning",
        .enabled(if: Built.which("groff") != nil, "groff is not installed (apt-get install groff-base)"))
    func groffRendersIt() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        try sandbox.write("keyhound.1", try Self.page(), in: sandbox.root)
        let run = try sandbox.spawn("groff", ["-man", "-Tutf8", "-ww", "keyhound.1"], in: sandbox.root)
        #expect(run.succeeded && run.stderrText.isEmpty, "\(run.stderrText)")
        let text = run.stdoutText.replacing(/.\u{8}/, with: "")
        #expect(text.contains("keyhound completions bash|zsh|fish"), "\(text)")
        #expect(text.contains("--max-file-size SIZE") || text.contains("−−max−file−size SIZE"), "\(text)")
    }

    @Test(
        "man -l renders the page",
        .enabled(if: Built.which("man") != nil, "man is not installed (apt-get install man-db)"))
    func manRendersIt() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        try sandbox.write("keyhound.1", try Self.page(), in: sandbox.root)
        let run = try sandbox.spawn(
            "man", ["--warnings", "-l", "keyhound.1"], in: sandbox.root,
            environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100", "MAN_KEEP_FORMATTING": ""])
        #expect(run.succeeded && run.stderrText.isEmpty, "\(run.stderrText)")
        #expect(run.stdoutText.replacing(/.\u{8}/, with: "").contains("keyhound rotate status"), "\(run.stdoutText)")
    }

    @Test("help prints the list, one command's help, a group's sub-commands; an unknown one is a usage error")
    func help() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let list = sandbox.keyhound(["help"], in: sandbox.root)
        #expect(list.status == 0 && list.stdout == KeyhoundMain.overview)
        #expect(list.stdout.contains("  completions "), "\(list)")
        let scan = sandbox.keyhound(["help", "scan"], in: sandbox.root)
        #expect(scan.status == 0 && scan.stdout == ScanCommand.spec.help)
        let status = sandbox.keyhound(["help", "rotate", "status"], in: sandbox.root)
        #expect(status.status == 0 && status.stdout == RotateStatusCommand.spec.help)
        let group = sandbox.keyhound(["help", "baseline"], in: sandbox.root)
        #expect(group.status == 0 && group.stdout.contains("baseline update"), "\(group)")
        for arguments in [["help", "nope"], ["help", "--man", "scan"], ["help", "--nope"]] {
            let run = sandbox.keyhound(arguments, in: sandbox.root)
            #expect(run.status == 64 && run.stdout.isEmpty, "\(arguments): \(run)")
        }
        #expect(sandbox.keyhound(["--help"], in: sandbox.root).stdout == KeyhoundMain.overview)
    }
}
