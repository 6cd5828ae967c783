import Foundation

/// What one `keyhound` run produced: its exit status and both output streams.
struct KeyhoundRun: Sendable, CustomStringConvertible {
    /// The exit status (0 clean, 1 findings, 2 incomplete, 64 usage).
    var status: Int32
    /// Standard output, as bytes.
    var stdoutBytes: [UInt8]
    /// Standard error, as bytes.
    var stderrBytes: [UInt8]

    init(status: Int32, stdout: [UInt8], stderr: [UInt8]) {
        self.status = status
        stdoutBytes = stdout
        stderrBytes = stderr
    }

    /// Standard output as text.
    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    /// Standard error as text.
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
    /// Both streams, for failure messages.
    var description: String { "status \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

    /// Standard output parsed as one JSON object (`--format json` or `sarif`).
    func json() throws -> [String: Any] {
        try JSON.object(stdoutBytes)
    }

    /// The `findings` array of a `--format json` report.
    func findings() throws -> [[String: Any]] {
        guard let findings = try json()["findings"] as? [[String: Any]] else {
            throw SandboxError("no findings array in:\n\(stdout)")
        }
        return findings
    }

    /// Standard output parsed as JSON lines (`--format jsonl`).
    func jsonLines() throws -> [[String: Any]] {
        try stdoutBytes.split(separator: UInt8(ascii: "\n")).map { try JSON.object(Array($0)) }
    }
}

/// JSON parsing for tests (Foundation's `JSONSerialization`, an independent reader).
enum JSON {
    /// `bytes` as a JSON object.
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw SandboxError("not a JSON object: \(String(decoding: bytes.prefix(200), as: UTF8.self))")
        }
        return object
    }

    /// The field at `keys` (object keys, or array indices as `Int`) below `value`.
    static func at(_ value: Any?, _ keys: Any...) -> Any? {
        var current = value
        for key in keys {
            if let name = key as? String {
                current = (current as? [String: Any])?[name]
            } else if let index = key as? Int, let array = current as? [Any], array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }
}
