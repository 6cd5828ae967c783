/// Splits a range of code points into runs of UTF-8 byte ranges, one byte range per position,
/// such that the runs together match exactly the encodings of the range (surrogates excluded).
///
/// The algorithm is the classic one (as in RE2 and Rust's regex-syntax): split at encoding-length
/// boundaries, then at continuation-byte boundaries until every position is a full rectangle.
enum UTF8Sequences {
    /// One byte range.
    struct ByteRange: Hashable, Sendable {
        /// First byte.
        var lo: UInt8
        /// Last byte.
        var hi: UInt8
    }

    /// The sequences of every multi-byte rune (`U+0080...U+10FFFF`), computed once.
    static let allMultiByte = sequences(0x80, 0x10FFFF)

    /// The sequences for `lo...hi`, in ascending order.
    static func sequences(_ lo: UInt32, _ hi: UInt32) -> [[ByteRange]] {
        var result: [[ByteRange]] = []
        var stack: [(UInt32, UInt32)] = [(lo, hi)]
        outer: while var range = stack.popLast() {
            inner: while true {
                // Surrogates have no UTF-8 encoding.
                if range.0 < 0xE000 && range.1 > 0xD7FF {
                    if range.1 >= 0xE000 { stack.append((0xE000, range.1)) }
                    if range.0 > 0xD7FF { continue outer }
                    range.1 = 0xD7FF
                    continue inner
                }
                if range.0 > range.1 { continue outer }
                for maximum: UInt32 in [0x7F, 0x7FF, 0xFFFF] where range.0 <= maximum && maximum < range.1 {
                    stack.append((maximum + 1, range.1))
                    range.1 = maximum
                    continue inner
                }
                if range.1 <= 0x7F {
                    result.append([ByteRange(lo: UInt8(range.0), hi: UInt8(range.1))])
                    continue outer
                }
                for shift: UInt32 in 1...3 {
                    let mask: UInt32 = (1 << (6 * shift)) - 1
                    if range.0 & ~mask != range.1 & ~mask {
                        if range.0 & mask != 0 {
                            stack.append(((range.0 | mask) + 1, range.1))
                            range.1 = range.0 | mask
                            continue inner
                        }
                        if range.1 & mask != mask {
                            stack.append((range.1 & ~mask, range.1))
                            range.1 = (range.1 & ~mask) - 1
                            continue inner
                        }
                    }
                }
                let start = encode(range.0)
                let end = encode(range.1)
                result.append(zip(start, end).map { ByteRange(lo: $0, hi: $1) })
                continue outer
            }
        }
        return result
    }

    /// UTF-8 encoding of a scalar value (no validation of surrogates).
    static func encode(_ rune: UInt32) -> [UInt8] {
        switch rune {
        case 0..<0x80:
            return [UInt8(rune)]
        case 0x80..<0x800:
            return [UInt8(0xC0 | rune >> 6), UInt8(0x80 | rune & 0x3F)]
        case 0x800..<0x10000:
            return [UInt8(0xE0 | rune >> 12), UInt8(0x80 | rune >> 6 & 0x3F), UInt8(0x80 | rune & 0x3F)]
        default:
            return [
                UInt8(0xF0 | rune >> 18), UInt8(0x80 | rune >> 12 & 0x3F),
                UInt8(0x80 | rune >> 6 & 0x3F), UInt8(0x80 | rune & 0x3F),
            ]
        }
    }
}
