import HoundModel

/// The 32 bytes of a fingerprint's digest as four big-endian words, so digests compare (and sort)
/// in byte order with four integer comparisons and no allocation.
struct FingerprintDigest: Hashable, Comparable, Sendable {
    /// Bytes 0–7, 8–15, 16–23 and 24–31 of the digest, most significant byte first.
    var words: (UInt64, UInt64, UInt64, UInt64)

    /// A digest from its four words.
    init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// The digest of `fingerprint` (whose hex is 64 lowercase digits by construction); nil if it
    /// is not.
    init?(_ fingerprint: Fingerprint) {
        var hex = fingerprint.hex
        guard let words = hex.withUTF8(Self.words(hex:)) else { return nil }
        self.words = words
    }

    /// The four words of 64 lowercase hex digits; nil for anything else.
    private static func words(hex: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64)? {
        guard hex.count == 64, let first = word(hex, from: 0), let second = word(hex, from: 16),
            let third = word(hex, from: 32), let fourth = word(hex, from: 48)
        else { return nil }
        return (first, second, third, fourth)
    }

    /// The word of the 16 lowercase hex digits at `start`; nil for anything else.
    private static func word(_ hex: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64? {
        var value: UInt64 = 0
        for byte in hex[start..<(start + 16)] {
            let digit = byte &- UInt8(ascii: "0")
            let letter = byte &- UInt8(ascii: "a")
            if digit < 10 {
                value = value << 4 | UInt64(digit)
            } else if letter < 6 {
                value = value << 4 | UInt64(letter + 10)
            } else {
                return nil
            }
        }
        return value
    }

    /// The digest stored at `offset` in `bytes` (32 bytes, in order).
    init(in bytes: UnsafeRawBufferPointer, at offset: Int) {
        func word(_ at: Int) -> UInt64 {
            UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + at, as: UInt64.self))
        }
        words = (word(0), word(8), word(16), word(24))
    }

    /// Appends the 32 bytes, in order, to `out`.
    func append(to out: inout [UInt8]) {
        withUnsafeBytes(of: words.0.bigEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: words.1.bigEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: words.2.bigEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: words.3.bigEndian) { out.append(contentsOf: $0) }
    }

    /// The 32 bytes, in order.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        append(to: &out)
        return out
    }

    static func == (lhs: FingerprintDigest, rhs: FingerprintDigest) -> Bool { lhs.words == rhs.words }

    static func < (lhs: FingerprintDigest, rhs: FingerprintDigest) -> Bool { lhs.words < rhs.words }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
