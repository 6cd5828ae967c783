/// PBKDF2 with HMAC-SHA-256 (RFC 8018 §5.2): a deliberately slow, salted hash, so that a
/// fingerprint of a low-entropy secret written to a committed file (a baseline) costs a
/// dictionary attack `iterations` HMACs per guess instead of one SHA-256.
///
/// Each iteration is two SHA-256 compressions from the precomputed keyed states (no allocation),
/// as fast as a careful attacker's CPU code, so the work factor is honest.
public enum PBKDF2 {
    /// The `length`-byte key derived from `password` and `salt` with `iterations` rounds.
    @_optimize(speed)
    public static func sha256(password: [UInt8], salt: [UInt8], iterations: Int, length: Int = 32) -> [UInt8] {
        precondition(iterations >= 1 && length >= 1)
        var key = password.count > 64 ? SHA256.hash(password) : password
        key += [UInt8](repeating: 0, count: 64 - key.count)
        let inner = SHA256.state(absorbing: key.map { $0 ^ 0x36 })
        let outer = SHA256.state(absorbing: key.map { $0 ^ 0x5c })
        var out: [UInt8] = []
        var block: UInt32 = 1
        while out.count < length {
            let first = HMACSHA256.authenticationCode(
                key: password, message: salt + [UInt8(block >> 24), UInt8(block >> 16 & 0xff), UInt8(block >> 8 & 0xff), UInt8(block & 0xff)])
            var u = words(first)
            var t = u
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                let w = w.baseAddress!
                for _ in 1..<iterations {
                    u = hmacOfDigest(u, inner: inner, outer: outer, schedule: w)
                    t = (t.0 ^ u.0, t.1 ^ u.1, t.2 ^ u.2, t.3 ^ u.3, t.4 ^ u.4, t.5 ^ u.5, t.6 ^ u.6, t.7 ^ u.7)
                }
            }
            for word in [t.0, t.1, t.2, t.3, t.4, t.5, t.6, t.7] {
                out += [UInt8(word >> 24), UInt8(word >> 16 & 0xff), UInt8(word >> 8 & 0xff), UInt8(word & 0xff)]
            }
            block += 1
        }
        return Array(out.prefix(length))
    }

    typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// HMAC of a 32-byte message (`digest`) from the keyed inner and outer states: one block
    /// each (32 bytes, the 0x80 pad, zeros, the bit length of 64 + 32 bytes).
    @_optimize(speed)
    static func hmacOfDigest(_ digest: Words, inner: Words, outer: Words, schedule w: UnsafeMutablePointer<UInt32>)
        -> Words
    {
        func load(_ d: Words) {
            w[0] = d.0; w[1] = d.1; w[2] = d.2; w[3] = d.3; w[4] = d.4; w[5] = d.5; w[6] = d.6; w[7] = d.7
            w[8] = 0x8000_0000
            for i in 9..<15 { w[i] = 0 }
            w[15] = (64 + 32) * 8
        }
        load(digest)
        var state = inner
        SHA256.compress(&state, schedule: w)
        load(state)
        var result = outer
        SHA256.compress(&result, schedule: w)
        return result
    }

    static func words(_ bytes: [UInt8]) -> Words {
        func word(_ i: Int) -> UInt32 {
            UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
        }
        return (word(0), word(4), word(8), word(12), word(16), word(20), word(24), word(28))
    }
}
