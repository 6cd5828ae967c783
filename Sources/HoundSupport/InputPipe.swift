import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pipe that becomes a child's standard input and is fed while the child runs, from any
/// thread (``Subprocess/streamChunks(input:timeout:onChunk:)``).
///
/// Use it when the input is not known up front: one thread writes requests as they are
/// discovered while another drains the child's output, so neither waits on the other. Writes
/// block while the pipe is full. ``finish()`` is the child's end of input; only the thread that
/// writes should call it (closing under a concurrent write could hit a reused descriptor).
public final class InputPipe: Sendable {
    private let readEnd: Atomic<Int32>
    private let writeEnd: Atomic<Int32>

    /// A new pipe; both ends close on `exec`, so other children never inherit them.
    public init() throws(SubprocessError) {
        _ = PosixCalls.ignoreBrokenPipe
        let fds = try PosixCalls.makePipe()
        readEnd = Atomic(fds.read)
        writeEnd = Atomic(fds.write)
    }

    deinit {
        PosixCalls.closeAll([readEnd.load(ordering: .relaxed), writeEnd.load(ordering: .relaxed)])
    }

    /// Writes every byte, waiting while the pipe is full. Returns false when the child has gone
    /// (or the pipe was closed): what it did not read it no longer needs.
    @discardableResult
    public func send(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let fd = writeEnd.load(ordering: .acquiring)
        guard fd >= 0, let base = bytes.baseAddress else { return fd >= 0 }
        var written = 0
        while written < bytes.count {
            let count = write(fd, base + written, bytes.count - written)
            if count > 0 {
                written += count
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Writes every byte of `bytes`; false when the child has gone.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { send($0) }
    }

    /// Ends the input: the child reads end-of-file once it has read what was written.
    public func finish() {
        let fd = writeEnd.exchange(-1, ordering: .acquiringAndReleasing)
        if fd >= 0 { close(fd) }
    }

    /// The read end, handed to the child once; the parent's copy is closed after the spawn
    /// (``releaseReadEnd()``), so a write fails once the child has exited.
    func readEndForChild() -> Int32 { readEnd.load(ordering: .acquiring) }

    /// Closes the parent's copy of the read end.
    func releaseReadEnd() {
        let fd = readEnd.exchange(-1, ordering: .acquiringAndReleasing)
        if fd >= 0 { close(fd) }
    }
}
