import HoundSupport

/// How to run git: which executable, with which environment, for how long at most.
///
/// Every git child of HoundInputs is built here, so a test can point `executable` at a fake
/// and the CLI can pass a hermetic environment.
public struct GitTool: Sendable {
    /// `git` (looked up in `PATH`) or a path to it.
    public var executable: String
    /// The child's whole environment; nil inherits ours (which a hook needs: git hands it
    /// `GIT_INDEX_FILE` and friends).
    public var environment: [String: String]?
    /// Seconds after which a git child is killed; nil waits forever.
    public var timeout: Double?
    /// Transports git may use (`GIT_ALLOW_PROTOCOL`): none, unless the user named a remote to
    /// clone or fetch (a sweep's repository list), never because a scanned repository asks.
    public var allowedTransports = ""

    /// A git runner from its parts.
    public init(executable: String = "git", environment: [String: String]? = nil, timeout: Double? = nil) {
        self.executable = executable
        self.environment = environment
        self.timeout = timeout
    }

    /// The configuration every command gets, whatever the user's or the repository's config
    /// says: raw UTF-8 path names, no colour, no pager, and nothing the scanned repository can
    /// make git run.
    ///
    /// A repository is hostile input: its `.git/config` (and what it includes) can name programs
    /// for git to run. These `-c` settings are command-line configuration, which wins over every
    /// file. Keys that run a program (git-config(1), gitattributes(5), githooks(5)), and how
    /// keyhound's commands are kept from them:
    /// - `core.fsmonitor` (run by `ls-files --others` and index reads): `false`.
    /// - `core.hooksPath` and `.git/hooks` (`post-index-change` when an index is written):
    ///   hooks read from `/dev/null`, and `--no-optional-locks` so no index is rewritten.
    /// - `core.pager`, `pager.<command>`: `--no-pager`, and `core.pager=cat`.
    /// - `diff.external`, `diff.<driver>.command`, `diff.<driver>.textconv`: every command that
    ///   writes a diff gets `--no-ext-diff --no-textconv` (see `DiffStream.patchOptions`).
    /// - `filter.<driver>.clean`/`smudge`/`process`: never invoked: no command keyhound runs
    ///   converts work-tree content (keyhound reads files itself; `cat-file` runs without
    ///   `--filters`, `hash-object` reads standard input without `--path`).
    /// - `log.showSignature` (runs `gpg.program`, `gpg.ssh.program`): `false`, and logs get
    ///   `--no-show-signature`.
    /// - Transports, which run `core.sshCommand`, `core.gitProxy`, `core.askPass`,
    ///   `credential.helper`, `remote.<name>.uploadpack`, remote helpers (a partial clone's lazy
    ///   fetch would): `GIT_NO_LAZY_FETCH`, `GIT_ALLOW_PROTOCOL` empty (it overrides a
    ///   repository's `protocol.<name>.allow`) and `protocol.allow=never`, so no transport
    ///   starts; `credential.helper` and `core.askPass` are emptied too.
    ///   `uploadpack.packObjectsHook` is honoured only from
    ///   protected (system, global, command-line) configuration, never a repository's, and
    ///   only by `upload-pack`, which keyhound never runs.
    /// - `gc.auto` / `maintenance.auto` (an automatic `git gc` runs the `pre-auto-gc` hook):
    ///   off. `submodule.recurse`: off.
    /// - `alias.*`, `core.editor`, `sequence.editor`, `merge.<driver>.driver`, `difftool.*`,
    ///   `mergetool.*`, `sendemail.*`: only read by commands keyhound never runs.
    static let fixedOptions = [
        "-c", "core.quotePath=false", "-c", "color.ui=never", "--no-pager", "--no-optional-locks",
        "-c", "core.fsmonitor=false", "-c", "core.pager=cat", "-c", "log.showSignature=false",
        "-c", "protocol.allow=never", "-c", "credential.helper=", "-c", "core.askPass=",
        "-c", "gc.auto=0", "-c", "maintenance.auto=false", "-c", "submodule.recurse=false",
    ]

    /// Where hooks are read from: nowhere (only `rev-parse` asking where hooks are installed,
    /// for `hooks install`, keeps the repository's `core.hooksPath`).
    static let noHooks = ["-c", "core.hooksPath=/dev/null"]

    /// Variables every git child gets on top of its environment: no lazy fetch of a partial
    /// clone's missing objects (git 2.44, and 2.39.4 and later), never a credential prompt; and
    /// `GIT_ALLOW_PROTOCOL` set to `allowedTransports` (empty unless the user named remotes: it
    /// overrides a repository's `protocol.<name>.allow`, which `-c protocol.allow=never` does not).
    static let fixedEnvironment = ["GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0"]

    /// A child running `git <fixed options> <arguments>` in `directory`; `keepsHooksPath` leaves
    /// `core.hooksPath` as configured (for asking git where hooks go, never for running them).
    public func subprocess(_ arguments: [String], in directory: String?, keepsHooksPath: Bool = false) -> Subprocess {
        var env = environment ?? Subprocess.inheritedEnvironment()
        env.merge(Self.fixedEnvironment) { $1 }
        env["GIT_ALLOW_PROTOCOL"] = allowedTransports
        var child = Subprocess(
            executable: executable, arguments: Self.fixedOptions + (keepsHooksPath ? [] : Self.noHooks) + arguments,
            environment: env, workingDirectory: directory)
        child.fifoStallLimit = Self.fifoStallLimit
        return child
    }

    /// Seconds a git child may wait to open a named pipe before it is stopped. git opens the
    /// files a repository names (`include.path`, `.gitignore`, `.gitattributes`, `info/exclude`)
    /// without `O_NONBLOCK`, so a FIFO planted there would hang keyhound for ever.
    static let fifoStallLimit = 3.0

    /// Runs git to completion in `directory`; a non-zero status is returned, not thrown.
    public func run(
        _ arguments: [String], in directory: String?, stdin: [UInt8]? = nil, keepsHooksPath: Bool = false
    ) throws(InputError) -> SubprocessResult {
        do {
            return try subprocess(arguments, in: directory, keepsHooksPath: keepsHooksPath).run(
                stdin: stdin, timeout: timeout)
        } catch {
            throw mapped(error)
        }
    }

    /// Runs git in `directory`, handing its standard output to `onChunk` as it arrives.
    public func stream(
        _ arguments: [String], in directory: String?, stdin: [UInt8]? = nil,
        onChunk: (UnsafeBufferPointer<UInt8>) -> Subprocess.StreamControl
    ) throws(InputError) -> SubprocessResult {
        do {
            return try subprocess(arguments, in: directory).streamChunks(
                stdin: stdin, timeout: timeout, onChunk: onChunk)
        } catch {
            throw mapped(error)
        }
    }

    /// Runs git in `directory` with `input` as its standard input, which another thread feeds
    /// while this one receives standard output in `onChunk`.
    public func stream(
        _ arguments: [String], in directory: String?, input: InputPipe,
        onChunk: (UnsafeBufferPointer<UInt8>) -> Subprocess.StreamControl
    ) throws(InputError) -> SubprocessResult {
        do {
            return try subprocess(arguments, in: directory).streamChunks(
                input: input, timeout: timeout, onChunk: onChunk)
        } catch {
            throw mapped(error)
        }
    }

    /// `git <arguments>` for messages (without the fixed options).
    static func display(_ arguments: [String]) -> String {
        (["git"] + arguments.prefix(3)).joined(separator: " ")
    }

    private func mapped(_ error: SubprocessError) -> InputError {
        if case .notFound = error { return .gitNotFound(executable) }
        return .subprocess(error)
    }
}
