/// What a finished child process left behind: its exit status and everything it wrote.
public struct SubprocessResult: Sendable {
    /// The exit status; `128 + n` when the child was killed by signal `n` (the shell's convention).
    public var status: Int32
    /// Everything the child wrote to standard output (empty for ``Subprocess/stream(stdin:timeout:onStdout:)``).
    public var stdout: [UInt8]
    /// Everything the child wrote to standard error (capped for streaming runs).
    public var stderr: [UInt8]
    /// Whether the child outlived its timeout and was killed.
    public var timedOut: Bool
    /// The signal that ended the child, nil when it exited normally.
    public var signal: Int32?

    /// A result from its parts.
    public init(status: Int32, stdout: [UInt8], stderr: [UInt8], timedOut: Bool, signal: Int32? = nil) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
        self.signal = signal
    }

    /// Whether the child exited with status 0 within its time.
    public var succeeded: Bool { status == 0 && !timedOut && signal == nil }

    /// Standard output decoded as UTF-8 (invalid bytes replaced), for small textual outputs.
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// Standard error decoded as UTF-8 with surrounding whitespace trimmed, for messages.
    public var stderrText: String { Self.trimmedText(stderr) }

    /// `bytes` as UTF-8 text without leading and trailing ASCII whitespace.
    public static func trimmedText(_ bytes: [UInt8]) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
