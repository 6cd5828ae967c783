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
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        for byte in fingerprint.hex.utf8 {
            let value: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
            guard count < 64 else { return nil }
            switch count / 16 {
            case 0: words.0 = words.0 << 4 | value
            case 1: words.1 = words.1 << 4 | value
            case 2: words.2 = words.2 << 4 | value
            default: words.3 = words.3 << 4 | value
            }
            count += 1
        }
        guard count == 64 else { return nil }
        self.words = words
    }

    /// The digest stored at `offset` in `bytes` (32 bytes, in order).
    init(in bytes: UnsafeRawBufferPointer, at offset: Int) {
        func word(_ at: Int) -> UInt64 {
            UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + at, as: UInt64.self))
        }
        words = (word(0), word(8), word(16), word(24))
    }

    /// The 32 bytes, in order.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 56, through: 0, by: -8) {
                out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
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
