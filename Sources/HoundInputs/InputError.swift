/// HoundInputs turns what the user asked to scan into ``HoundModel/Fragment``s: the files of a
/// working tree (through `git ls-files` inside a repository, a POSIX directory walk that
/// honours `.gitignore` elsewhere), the lines added by the staged diff (pre-commit), the lines
/// added by each commit of a range (CI), and every unique blob of a repository's history
/// (sweeps). Every child process is a `git` started through ``HoundSupport/Subprocess``.
/// Failures that end an input are ``InputError`` values; trouble with one file or object is an
/// ``InputNotice`` and the scan goes on.
import HoundSupport

/// Why an input could not be read at all.
public enum InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The git executable is missing.
    case gitNotFound(String)
    /// The path is not inside a git repository.
    case notARepository(String)
    /// The repository (its git folder) is not bare, but the path is not inside its work tree:
    /// its `.git` folder, or a repository whose `core.worktree` points elsewhere.
    case outsideWorkTree(String)
    /// The path does not exist or is not a directory.
    case notADirectory(String)
    /// A git command failed; `message` is its standard error.
    case gitFailed(command: String, status: Int32, message: String)
    /// A revision or range git does not know.
    case badRevision(String, message: String)
    /// A git command printed something we could not parse.
    case malformedOutput(command: String, detail: String)
    /// A file could not be opened or read.
    case unreadable(path: String, errno: Int32)
    /// A path named for reading is a FIFO, a device, a socket or a folder, not a file.
    case notRegularFile(path: String, kind: String)
    /// Starting or talking to a child process failed.
    case subprocess(SubprocessError)

    public var description: String {
        switch self {
        case .gitNotFound(let executable):
            "\(executable) not found in PATH (git is needed for this scan)"
        case .notARepository(let path):
            "not a git repository: \(path)"
        case .outsideWorkTree(let path):
            "not inside the work tree of the git repository \(path) (run from the work tree; a "
                + "core.worktree pointing elsewhere is not followed)"
        case .notADirectory(let path):
            "not a directory: \(path)"
        case .gitFailed(let command, let status, let message):
            "\(command) failed with status \(status)" + (message.isEmpty ? "" : ": \(message)")
        case .badRevision(let revision, let message):
            "unknown revision or range '\(revision)'" + (message.isEmpty ? "" : ": \(message)")
        case .malformedOutput(let command, let detail):
            "unexpected output from \(command): \(detail)"
        case .unreadable(let path, let code):
            "cannot read \(path): \(SubprocessError.message(code))"
        case .notRegularFile(let path, let kind):
            "cannot read \(path): \(kind), not a regular file"
        case .subprocess(let error):
            error.description
        }
    }
}
