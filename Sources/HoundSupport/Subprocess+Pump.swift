#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Subprocess {
    /// Spawns the child, runs the `poll()` loop that feeds and drains it, and reaps it.
    func execute(
        stdin: [UInt8]?, input: InputPipe? = nil, timeout: Double?, stderrLimit: Int, onStart: ((Int32) -> Void)? = nil,
        onStdout: (UnsafeBufferPointer<UInt8>) -> StreamControl
    ) throws(SubprocessError) -> SubprocessResult {
        _ = PosixCalls.ignoreBrokenPipe
        let path = try resolvedExecutable()
        let deadline = timeout.map { PosixCalls.now() + max(0, $0) }
        var child = try spawn(
            path: path, feedsStdin: stdin != nil, ownGroup: timeout != nil || ownsProcessGroup,
            stdinDescriptor: input?.readEndForChild())
        // The child holds the read end now: once it exits, the feeder's writes fail instead of blocking.
        input?.releaseReadEnd()
        onStart?(child.pid)
        var pump = Pump(
            input: stdin ?? [], stderrLimit: stderrLimit, stopDescriptor: stopDescriptor, fifoStallLimit: fifoStallLimit)
        let outcome = pump.drain(&child, deadline: deadline, onStdout: onStdout)
        PosixCalls.closeAll([child.stdinFD, child.stdoutFD, child.stderrFD])

        var timedOut = false
        let rawStatus: Int32
        switch outcome {
        case .finished:
            if let (status, expired) = reap(child, deadline: deadline) {
                rawStatus = status
                timedOut = expired
            } else {
                throw .ioFailed("waitpid \(path)", errno: errno)
            }
        case .timedOut:
            timedOut = true
            rawStatus = terminate(child)
        case .stopped:
            rawStatus = terminate(child)
        case .blockedOnFIFO(let seconds):
            _ = terminate(child)
            throw .blockedOnFIFO(executable, seconds: seconds)
        case .failed(let what, let code):
            _ = terminate(child)
            throw .ioFailed("\(what) \(path)", errno: code)
        }
        let (status, signal) = Self.decode(rawStatus)
        return SubprocessResult(status: status, stdout: [], stderr: pump.errors, timedOut: timedOut, signal: signal)
    }

    /// Waits for the child; with a deadline, kills it if it is still alive then. Returns the raw
    /// wait status and whether the deadline passed, nil when `waitpid` fails.
    private func reap(_ child: SpawnedChild, deadline: Double?) -> (Int32, Bool)? {
        var status: Int32 = 0
        guard let deadline else {
            while waitpid(child.pid, &status, 0) < 0 {
                if errno != EINTR { return nil }
            }
            return (status, false)
        }
        // The pipes are closed but the child may linger: check it until the deadline.
        var pause: UInt32 = 200
        while true {
            let reaped = waitpid(child.pid, &status, WNOHANG)
            if reaped == child.pid { return (status, false) }
            if reaped < 0, errno != EINTR { return nil }
            if PosixCalls.now() >= deadline { return (terminate(child), true) }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    /// Sends `SIGTERM` (to the group when the child leads one), waits up to ``killGrace``, then
    /// `SIGKILL`; returns the raw wait status.
    private func terminate(_ child: SpawnedChild) -> Int32 {
        let target = child.ownGroup ? -child.pid : child.pid
        kill(target, SIGTERM)
        var status: Int32 = 0
        let giveUp = PosixCalls.now() + killGrace
        var pause: UInt32 = 200
        while PosixCalls.now() < giveUp {
            let reaped = waitpid(child.pid, &status, WNOHANG)
            if reaped == child.pid {
                if child.ownGroup { kill(target, SIGKILL) }  // stragglers of the group
                return status
            }
            if reaped < 0, errno != EINTR { return status }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        kill(target, SIGKILL)
        while waitpid(child.pid, &status, 0) < 0, errno == EINTR {}
        return status
    }

    /// Splits a raw wait status into the shell-style status and the terminating signal.
    static func decode(_ raw: Int32) -> (status: Int32, signal: Int32?) {
        let signal = raw & 0x7f
        if signal == 0 { return ((raw >> 8) & 0xff, nil) }
        return (128 + signal, signal)
    }
}

/// The `poll()` loop: writes the input, reads both outputs, until all three are closed.
private struct Pump {
    enum Outcome {
        case finished, timedOut, stopped
        case blockedOnFIFO(Double)
        case failed(String, Int32)
    }

    /// How often the child is checked for an open blocked on a FIFO, in milliseconds.
    static let fifoCheckMilliseconds: Int32 = 500

    let input: [UInt8]
    var written = 0
    let stderrLimit: Int
    /// Readable: stop the child (see `Subprocess.stopDescriptor`).
    let stopDescriptor: Int32?
    var errors: [UInt8] = []
    /// See `Subprocess.fifoStallLimit`.
    let fifoStallLimit: Double?
    /// Since when the child has been seen blocked opening a FIFO, nil when it was not last time.
    var blockedSince: Double?
    /// When the child was last checked.
    var lastCheck = PosixCalls.now()

    init(input: [UInt8], stderrLimit: Int, stopDescriptor: Int32?, fifoStallLimit: Double?) {
        self.input = input
        self.stderrLimit = stderrLimit
        self.stopDescriptor = stopDescriptor
        self.fifoStallLimit = fifoStallLimit
    }

    /// Checks (at most twice a second) whether the child sits in an open on a FIFO, and for how
    /// long; the outcome once that passes `fifoStallLimit`.
    mutating func checkFIFOStall(_ pid: Int32) -> Outcome? {
        guard let limit = fifoStallLimit else { return nil }
        let now = PosixCalls.now()
        guard now - lastCheck >= Double(Self.fifoCheckMilliseconds) / 1000 else { return nil }
        lastCheck = now
        guard ProcessProbe.isWaitingToOpenFIFO(pid) else {
            blockedSince = nil
            return nil
        }
        let since = blockedSince ?? now
        blockedSince = since
        return now - since >= limit ? .blockedOnFIFO(now - since) : nil
    }

    mutating func drain(
        _ child: inout SpawnedChild, deadline: Double?,
        onStdout: (UnsafeBufferPointer<UInt8>) -> Subprocess.StreamControl
    ) -> Outcome {
        let chunkSize = 256 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        if child.stdinFD >= 0, input.isEmpty { closeStdin(&child) }
        var fds: [pollfd] = []
        while child.stdinFD >= 0 || child.stdoutFD >= 0 || child.stderrFD >= 0 {
            var waitMilliseconds: Int32 = -1
            if let deadline {
                let remaining = deadline - PosixCalls.now()
                if remaining <= 0 { return .timedOut }
                waitMilliseconds = Int32(min((remaining * 1000).rounded(.up), Double(Int32.max)))
            }
            if fifoStallLimit != nil {
                if let stalled = checkFIFOStall(child.pid) { return stalled }
                waitMilliseconds =
                    waitMilliseconds < 0 ? Self.fifoCheckMilliseconds : min(waitMilliseconds, Self.fifoCheckMilliseconds)
            }
            fds.removeAll(keepingCapacity: true)
            if let stopDescriptor { fds.append(pollfd(fd: stopDescriptor, events: Int16(POLLIN), revents: 0)) }
            if child.stdinFD >= 0 { fds.append(pollfd(fd: child.stdinFD, events: Int16(POLLOUT), revents: 0)) }
            if child.stdoutFD >= 0 { fds.append(pollfd(fd: child.stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if child.stderrFD >= 0 { fds.append(pollfd(fd: child.stderrFD, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), waitMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return .failed("poll", errno)
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == stopDescriptor {
                    return .stopped
                } else if entry.fd == child.stdinFD {
                    if let failure = feed(&child) { return failure }
                } else if entry.fd == child.stdoutFD {
                    let count = read(entry.fd, buffer.baseAddress, chunkSize)
                    if count > 0 {
                        let chunk = UnsafeBufferPointer(
                            start: buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), count: count)
                        if onStdout(chunk) == .stop { return .stopped }
                    } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                        close(child.stdoutFD)
                        child.stdoutFD = -1
                    }
                } else if entry.fd == child.stderrFD {
                    let count = read(entry.fd, buffer.baseAddress, chunkSize)
                    if count > 0 {
                        let room = max(0, stderrLimit - errors.count)
                        let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: min(count, room))
                        errors.append(contentsOf: bytes)
                    } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                        close(child.stderrFD)
                        child.stderrFD = -1
                    }
                }
            }
        }
        return .finished
    }

    /// Writes as much input as the pipe takes; closes it when done or when the child left.
    private mutating func feed(_ child: inout SpawnedChild) -> Outcome? {
        while written < input.count {
            let count = input.withUnsafeBytes { bytes in
                write(child.stdinFD, bytes.baseAddress! + written, min(input.count - written, 1 << 20))
            }
            if count > 0 {
                written += count
                continue
            }
            if count < 0, errno == EAGAIN || errno == EINTR { return nil }
            // EPIPE: the child stopped reading; what it did not read it does not need.
            if count < 0, errno != EPIPE { return .failed("write to", errno) }
            break
        }
        closeStdin(&child)
        return nil
    }

    private func closeStdin(_ child: inout SpawnedChild) {
        close(child.stdinFD)
        child.stdinFD = -1
    }
}
