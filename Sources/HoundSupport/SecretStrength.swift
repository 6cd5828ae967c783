/// A conservative estimate of how many bits of guessing a secret resists, to decide whether a
/// fingerprint of it may be written where others read it (a committed baseline, SARIF uploaded to
/// code scanning): a plain SHA-256 of `Winter2026!` falls to a dictionary in milliseconds.
///
/// The estimate models what people choose: a run of letters that could be a word (three or more,
/// not all capitals, a fifth of them vowels, never four consonants in a row) counts as a dictionary word (13 bits,
/// 1 more when its case is mixed), a 19xx/20xx digit run as a year
/// (7 bits), other digits 3.3 bits each, symbols 5 bits each and a repeated separator 1 bit; a
/// run of one repeated character counts once. The total is capped by the Shannon entropy of the
/// bytes times their count. Random tokens of 40 base62 characters come out near 100 bits;
/// passwords and passphrases of four common words under 64. Erring low only costs time (a slow
/// hash); erring high would leak, so the word model is deliberately pessimistic.
public enum SecretStrength {
    /// Below this estimate, a secret counts as low-entropy.
    public static let threshold = 64.0

    /// Whether `secret` is estimated under `threshold` bits.
    public static func isLowEntropy<Bytes: Collection>(_ secret: Bytes) -> Bool where Bytes.Element == UInt8 {
        estimatedBits(secret) < threshold
    }

    /// The estimate, in bits.
    public static func estimatedBits<Bytes: Collection>(_ secret: Bytes) -> Double where Bytes.Element == UInt8 {
        let bytes = Array(secret)
        guard !bytes.isEmpty else { return 0 }
        var bits = 0.0
        var seenSymbols = Set<UInt8>()
        var index = 0
        while index < bytes.count {
            let kind = Kind(bytes[index])
            var end = index + 1
            // A capitalised word is one letter run ("Winter"), and so is a word in capitals;
            // mixed case otherwise starts a new run.
            var follows = kind
            if kind == .upper, end < bytes.count, Kind(bytes[end]) == .lower { follows = .lower }
            while end < bytes.count, Kind(bytes[end]) == follows { end += 1 }
            let run = bytes[index..<end]
            bits += cost(of: run, kind: kind, seenSymbols: &seenSymbols)
            index = end
        }
        return min(bits, Entropy.shannon(bytes) * Double(bytes.count))
    }

    enum Kind: Equatable {
        case lower, upper, digit, symbol

        init(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): self = .lower
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): self = .upper
            case UInt8(ascii: "0")...UInt8(ascii: "9"): self = .digit
            default: self = .symbol
            }
        }
    }

    static func cost(of run: ArraySlice<UInt8>, kind: Kind, seenSymbols: inout Set<UInt8>) -> Double {
        let length = Double(run.count)
        let oneCharacter = Set(run).count == 1
        switch kind {
        case .lower, .upper:
            let mixed = run.contains { Kind($0) == .upper } && run.contains { Kind($0) == .lower }
            let perCharacter = mixed ? 5.7 : 4.7
            if oneCharacter { return perCharacter + roughLog2(length) }
            return looksLikeWord(run) ? min(length * perCharacter, 13 + (mixed ? 1 : 0)) : length * perCharacter
        case .digit:
            if run.count == 4, run.first == UInt8(ascii: "1") || run.first == UInt8(ascii: "2") { return 7 }
            if oneCharacter { return 3.3 + roughLog2(length) }
            return length * 3.3
        case .symbol:
            var bits = 0.0
            for byte in run { bits += seenSymbols.insert(byte).inserted ? 5 : 1 }
            return bits
        }
    }

    /// Whether a letter run could be a word (or words): three letters or more, not all capitals
    /// (random upper-case ids are common, upper-case passwords rare and still costed per letter),
    /// a fifth of them vowels at least, never four consonants in a row. Random letters mostly are
    /// not.
    static func looksLikeWord(_ run: ArraySlice<UInt8>) -> Bool {
        guard run.count >= 3, run.dropFirst().contains(where: { Kind($0) == .lower }) else { return false }
        var vowels = 0
        var consonants = 0
        for byte in run {
            if "aeiouy".utf8.contains(byte | 0x20) {
                vowels += 1
                consonants = 0
            } else {
                consonants += 1
                if consonants >= 4 { return false }
            }
        }
        return vowels * 5 >= run.count
    }

    private static func roughLog2(_ x: Double) -> Double {
        var n = x
        var bits = 0.0
        while n >= 2 {
            n /= 2
            bits += 1
        }
        return bits + (n - 1)
    }
}
