/// The new key's secret while the engine holds it: between `create`'s stdout and the stdin of
/// `distribute` and `verify`, in memory only.
///
/// Its `description` is redacted, so an accidental interpolation prints nothing secret; it is
/// not `Codable` and never reaches a state file, the audit log or a command line.
/// ``wipe()`` overwrites the bytes when the engine is done with them (best effort: Swift may
/// have made copies, for instance inside the pipe buffer of a child process).
struct NewSecret: Sendable, CustomStringConvertible {
    /// The secret's bytes.
    private(set) var bytes: [UInt8]

    /// A secret from its bytes.
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Overwrites the bytes with zeros and empties the value.
    mutating func wipe() {
        for index in bytes.indices { bytes[index] = 0 }
        bytes = []
    }

    /// `[REDACTED 40 bytes]`: never the secret.
    var description: String { "[REDACTED \(bytes.count) bytes]" }
}
