/// The new key's secret while the engine holds it: from `create`'s stdout until the run ends,
/// in memory only.
///
/// Its `description` is redacted, so an accidental interpolation prints nothing secret; it is
/// not `Codable` and never reaches a state file, the audit log or a command line. The bytes live
/// in one heap buffer shared by every copy of the value (a class, not an array: writing to a
/// copy-on-write array that is shared zeroes a fresh copy and leaves the original intact), so
/// ``wipe()`` zeroes the storage that actually held them, for every copy (best effort: the
/// kernel's pipe buffers, and the `String` a JSON decoder made, are beyond reach).
struct NewSecret: Sendable, CustomStringConvertible {
    /// The buffer, zeroed by `wipe()` and on release.
    final class Storage: @unchecked Sendable {
        /// The bytes, `count` of them valid.
        let buffer: UnsafeMutableBufferPointer<UInt8>
        /// How many bytes are the secret (0 after a wipe).
        var count: Int

        init(_ bytes: [UInt8]) {
            buffer = UnsafeMutableBufferPointer.allocate(capacity: max(1, bytes.count))
            _ = buffer.initialize(from: bytes)
            count = bytes.count
        }

        /// Writes zeros over every byte (volatile-style, through the pointer).
        func zero() {
            for index in buffer.indices { buffer[index] = 0 }
            count = 0
        }

        deinit {
            zero()
            buffer.deallocate()
        }
    }

    /// The shared buffer.
    let storage: Storage

    /// A secret from its bytes (the array passed in is the caller's to clear).
    init(_ bytes: [UInt8]) { storage = Storage(bytes) }

    /// A copy of the secret's bytes, for a child's stdin (empty after a wipe).
    var bytes: [UInt8] { Array(storage.buffer[..<storage.count]) }

    /// Overwrites the bytes with zeros, in the buffer every copy shares.
    func wipe() { storage.zero() }

    /// `[REDACTED 40 bytes]`: never the secret.
    var description: String { "[REDACTED \(storage.count) bytes]" }
}
