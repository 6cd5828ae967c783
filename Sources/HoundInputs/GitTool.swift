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

    /// A git runner from its parts.
    public init(executable: String = "git", environment: [String: String]? = nil, timeout: Double? = nil) {
        self.executable = executable
        self.environment = environment
        self.timeout = timeout
    }

    /// The configuration every command gets, whatever the user's config says: raw UTF-8 path
    /// names, no pager, no colour.
    static let fixedOptions = ["-c", "core.quotePath=false", "-c", "color.ui=never", "--no-pager"]

    /// A child running `git <fixed options> <arguments>` in `directory`.
    public func subprocess(_ arguments: [String], in directory: String?) -> Subprocess {
        Subprocess(
            executable: executable, arguments: Self.fixedOptions + arguments, environment: environment,
            workingDirectory: directory)
    }

    /// Runs git to completion in `directory`; a non-zero status is returned, not thrown.
    public func run(_ arguments: [String], in directory: String?, stdin: [UInt8]? = nil) throws(InputError)
        -> SubprocessResult
    {
        do {
            return try subprocess(arguments, in: directory).run(stdin: stdin, timeout: timeout)
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
