// Shared helpers of the fuzz harnesses (compiled into each one by `fuzz/run`).

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stops the run with `message` on stderr: libFuzzer saves the input as a crash artifact.
func fuzzFailure(_ message: String) -> Never {
    let text = "FUZZ INVARIANT BROKEN: " + message + "\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    abort()
}

/// Checks an invariant of the code under test.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fuzzFailure(message()) }
}

/// Bytes as a Swift array literal, for reproducing a failure in a regression test.
func fuzzLiteral(_ bytes: some Collection<UInt8>) -> String {
    "[" + bytes.map { String($0) }.joined(separator: ", ") + "]"
}

/// The input of one run as bytes.
func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
