/// How common bytes are in source code and prose: what picks the byte of a literal that
/// `memchr` should look for (a regex's literal prefix, the scanner's substring searches).
public enum ByteCommonness {
    /// Rough frequency rank of a byte in source code and prose (higher is more common).
    public static func of(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "e"), UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "o"),
            UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "r"):
            return 10
        case UInt8(ascii: "l"), UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "u"), UInt8(ascii: "h"),
            UInt8(ascii: "m"), UInt8(ascii: "p"), 0x0A, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            return 8
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x09:
            return 6
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return 3
        case 0x80...0xFF:
            return 1
        default:
            return 4
        }
    }

    /// The index of `needle`'s least common byte (the first of equals; 0 for an empty needle).
    public static func rarestIndex(in needle: [UInt8]) -> Int {
        needle.indices.min { of(needle[$0]) < of(needle[$1]) } ?? 0
    }
}
