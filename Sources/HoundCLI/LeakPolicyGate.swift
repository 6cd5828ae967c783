/// Where the content a scan reads comes from, as far as leak policies care: a key in a commit
/// has left (or will leave) the developer's machine with the next push, so it has leaked; a key
/// in the working tree, on stdin or in the staged diff has not.
enum ScannedContent: Equatable, Sendable {
    /// Commits: `--diff`, `--since`, `--commits`, `--history`, sweeps of repositories.
    case committed
    /// Anything else, described for the refusal (`the working tree`, `standard input`...).
    case uncommitted(String)
}

/// The one predicate that decides whether `--on-leak` may start rotations: only for committed
/// content. Every scanning command that accepts `--on-leak` (scan, sweeps) asks it before it
/// scans anything.
enum LeakPolicyGate {
    /// Whether leak policies may be applied to findings in `content`.
    static func permits(_ content: ScannedContent) -> Bool { content == .committed }

    /// Throws the usage error (exit 64, one line) when `--on-leak` is given for `content` that
    /// never was committed; `command` names the command in the message.
    static func check(_ content: ScannedContent, command: String) throws(CLIError) {
        guard case .uncommitted(let what) = content else { return }
        throw CLIError(
            message: "--on-leak applies only to committed content (--diff, --since, --commits, --history): "
                + "a secret in \(what) has not left this machine, so no key is rotated for it",
            status: .usage)
    }
}

extension ScanCommand.Mode {
    /// What the mode reads, for ``LeakPolicyGate``.
    var scannedContent: ScannedContent {
        switch self {
        case .range, .commits, .history: .committed
        case .staged: .uncommitted("the staged diff")
        case .tree(let paths): .uncommitted(paths == ["-"] ? "standard input" : "the working tree")
        }
    }
}
