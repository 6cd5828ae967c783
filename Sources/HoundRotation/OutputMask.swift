#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel
import HoundSupport

/// The one masking of step output: whatever a rotation command prints is hostile, and is passed
/// through ``mask(_:)`` before keyhound prints, persists or audits any of it.
///
/// Three rules, each replacing what it finds with `[MASKED]`:
/// 1. **The secrets keyhound holds** (the new one while it is in memory): any run of
///    ``pieceLength`` characters taken from the secret, from its hex form (either case) or from
///    its base64 form (standard or URL-safe, at each of the three byte alignments, so it is found
///    inside a longer encoded blob too). Line breaks (and the indentation after them) are ignored
///    while matching, so a secret wrapped across lines is masked whole.
/// 2. **The keys' fingerprints**: any word whose fingerprint is the new or the old key's (a
///    later process, which never held the secret, still recognises it printed whole).
/// 3. **Anything shaped like a credential**: a run of at least 20 characters of the base64
///    alphabet holding letters and digits, with at least 3.5 bits of entropy per character, or a
///    run of at least 32 hex digits (16 bytes or more of anything, hex-encoded).
///
/// What rule 3 cannot see is a short piece of a secret keyhound does not hold (after a restart);
/// that residue is why steps are told never to print secrets at all.
struct OutputMask: Sendable {
    /// The length of the pieces of a secret that are masked.
    static let pieceLength = 12
    /// What replaces masked text.
    static let replacement = "[MASKED]"

    /// Every piece (``pieceLength`` bytes, or the whole of a shorter form) of every form of the
    /// secrets, packed for hashing.
    private let pieces: Set<Piece>
    /// The piece lengths present (12, or shorter for tiny secrets).
    private let lengths: [Int]
    /// Fingerprints of secrets that must never be shown.
    private let fingerprints: Set<Fingerprint>
    /// The organisation key, for `hmac-sha256:` fingerprints.
    private let fingerprintKey: [UInt8]?

    /// A mask for `secrets` (held now) and the secrets behind `fingerprints` (not held).
    init(secrets: [[UInt8]], fingerprints: [Fingerprint] = [], fingerprintKey: [UInt8]? = nil) {
        var pieces: Set<Piece> = []
        var lengths: Set<Int> = []
        for secret in secrets where secret.count >= 4 {
            for form in Self.forms(of: secret) {
                let length = min(Self.pieceLength, form.count)
                lengths.insert(length)
                for start in 0...(form.count - length) {
                    pieces.insert(Piece(form[start..<(start + length)]))
                }
            }
        }
        self.pieces = pieces
        self.lengths = lengths.sorted()
        self.fingerprints = Set(fingerprints)
        self.fingerprintKey = fingerprintKey
    }

    /// `text` (step output) with every piece of a secret, every word with a known fingerprint
    /// and every credential-shaped run replaced by `[MASKED]`.
    func mask(_ text: String) -> String { mask(text, credentialShapes: true) }

    /// `text` (keyhound's own: a command line, a message) with rules 1 and 2 only, so provider
    /// ids and paths stay readable.
    func maskKnown(_ text: String) -> String { mask(text, credentialShapes: false) }

    private func mask(_ text: String, credentialShapes: Bool) -> String {
        let bytes = Array(text.utf8)
        var marked = [Bool](repeating: false, count: bytes.count)
        markPieces(bytes, &marked)
        markFingerprints(bytes, &marked)
        if credentialShapes { Self.markCredentialShapes(bytes, &marked) }
        guard marked.contains(true) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if marked[index] {
                while index < bytes.count, marked[index] { index += 1 }
                out += Array(Self.replacement.utf8)
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Rule 1, on the text with line breaks (and the blanks after them) left out.
    private func markPieces(_ bytes: [UInt8], _ marked: inout [Bool]) {
        guard !pieces.isEmpty else { return }
        var compact: [UInt8] = []
        var origin: [Int] = []
        var afterBreak = false
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A || byte == 0x0D {
                afterBreak = true
                continue
            }
            if afterBreak, byte == 0x20 || byte == 0x09 { continue }
            afterBreak = false
            compact.append(byte)
            origin.append(index)
        }
        for length in lengths where compact.count >= length {
            for start in 0...(compact.count - length) where pieces.contains(Piece(compact[start..<(start + length)])) {
                // From the piece's first byte to its last in the original, breaks included.
                for index in origin[start]...origin[start + length - 1] { marked[index] = true }
            }
        }
    }

    /// Rule 2: words (split at blanks, quotes and punctuation that never occurs in a token)
    /// whose fingerprint is a known key's.
    private func markFingerprints(_ bytes: [UInt8], _ marked: inout [Bool]) {
        guard !fingerprints.isEmpty else { return }
        let separators = Set(" \t\r\n\"'`,;:(){}[]<>".utf8)
        var start = 0
        for end in 0...bytes.count where end == bytes.count || separators.contains(bytes[end]) {
            if end - start >= 8 {
                let word = Array(bytes[start..<end])
                let candidates = [Fingerprint.of(word)] + (fingerprintKey.map { [Fingerprint.of(word, key: $0)] } ?? [])
                if candidates.contains(where: fingerprints.contains) {
                    for index in start..<end { marked[index] = true }
                }
            }
            start = end + 1
        }
    }

    /// Rule 3: runs of 20 or more characters of `[A-Za-z0-9+/=_-]` with letters and digits and
    /// at least 3.5 bits of entropy per character, and runs of 32 or more hex digits.
    static func markCredentialShapes(_ bytes: [UInt8], _ marked: inout [Bool]) {
        func isTokenByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        var start = 0
        while start < bytes.count {
            guard isTokenByte(bytes[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
            let run = bytes[start..<end]
            let isHex = run.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66) }
            if (isHex && run.count >= 32)
                || (run.count >= 20 && run.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
                    && run.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) && Entropy.shannon(run) >= 3.5)
            {
                for index in start..<end { marked[index] = true }
            }
            start = end
        }
    }

    /// The secret as printed raw, in hex (both cases) and in base64 (both alphabets, at each
    /// alignment, without the characters that depend on neighbouring bytes).
    static func forms(of secret: [UInt8]) -> [[UInt8]] {
        var forms = [secret]
        let hex = Hex.encode(secret)
        forms += [Array(hex.utf8), Array(hex.uppercased().utf8)]
        for offset in 0..<3 {
            let encoded = Array(Data([UInt8](repeating: 0, count: offset) + secret).base64EncodedString().utf8)
            // Characters mixing prefix bits (offset 1: 2 chars, offset 2: 3 chars) and the last
            // group (which mixes with what follows, or is padding) vary with the context.
            let head = offset == 0 ? 0 : offset + 1
            let stable = Array(encoded.dropFirst(head).dropLast(4))
            guard stable.count >= 4 else { continue }
            forms.append(stable)
            forms.append(
                stable.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0 })
        }
        return forms
    }

    /// Up to 16 bytes, packed into two words for cheap hashing.
    private struct Piece: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var count: Int

        init(_ bytes: ArraySlice<UInt8>) {
            count = bytes.count
            for (offset, byte) in bytes.prefix(16).enumerated() {
                if offset < 8 { low |= UInt64(byte) << (offset * 8) } else { high |= UInt64(byte) << ((offset - 8) * 8) }
            }
        }
    }
}
