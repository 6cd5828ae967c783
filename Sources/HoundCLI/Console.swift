#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import HoundSupport

/// Exit statuses, decided once, at the end of a command.
public enum ExitStatus: Int32, Sendable {
    /// Nothing found, everything scanned.
    case clean = 0
    /// Findings (or, for audits, something needs action).
    case findings = 1
    /// Could not complete; what was found is still reported.
    case incomplete = 2
    /// Bad command line.
    case usage = 64
}

/// A command-level failure with the exit status it maps to.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var status: ExitStatus = .incomplete
    var description: String { message }
}

/// Where a command reads and writes: the real process streams, or buffers in tests.
final class Console: @unchecked Sendable {
    /// Captured output (tests) or nil (real file descriptors).
    private(set) var capturedOut: [UInt8]?
    private(set) var capturedErr: [UInt8]?
    private let stdinBytes: [UInt8]?
    let stdoutIsTerminal: Bool
    let stderrIsTerminal: Bool

    /// The process's own streams.
    static func process() -> Console {
        Console(stdin: nil, capture: false, stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1)
    }

    /// A console that captures output and serves `stdin` (tests).
    static func captured(stdin: [UInt8] = []) -> Console {
        Console(stdin: stdin, capture: true, stdoutIsTerminal: false, stderrIsTerminal: false)
    }

    private init(stdin: [UInt8]?, capture: Bool, stdoutIsTerminal: Bool, stderrIsTerminal: Bool) {
        stdinBytes = stdin
        capturedOut = capture ? [] : nil
        capturedErr = capture ? [] : nil
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
    }

    func out(_ text: String) { write(Array(text.utf8), fd: 1) }
    func out(bytes: [UInt8]) { write(bytes, fd: 1) }
    func err(_ text: String) { write(Array(text.utf8), fd: 2) }

    private func write(_ bytes: [UInt8], fd: Int32) {
        if capturedOut != nil {
            if fd == 1 { capturedOut! += bytes } else { capturedErr! += bytes }
            return
        }
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = PosixIO.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }

    /// How much of the captured standard input (tests) has been read.
    private var stdinOffset = 0

    /// Reads the next bytes of standard input into `buffer`; how many, 0 at its end.
    func readStdin(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard buffer.count > 0 else { return 0 }
        if let stdinBytes {
            let count = min(buffer.count, stdinBytes.count - stdinOffset)
            for index in 0..<count { buffer[index] = stdinBytes[stdinOffset + index] }
            stdinOffset += count
            return count
        }
        while true {
            let n = read(0, buffer.baseAddress, buffer.count)
            if n < 0 && errno == EINTR { continue }
            return max(n, 0)
        }
    }

    /// All of standard input when it holds at most `limit` bytes; nil (having read `limit + 1`
    /// bytes) when it holds more.
    func readStdin(atMost limit: Int) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while out.count <= limit {
            let n = buffer.withUnsafeMutableBufferPointer { readStdin(into: $0) }
            if n == 0 { return out }
            out += buffer[0..<min(n, limit + 1 - out.count)]
        }
        return nil
    }
}
