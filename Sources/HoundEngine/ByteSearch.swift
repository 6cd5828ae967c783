#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundRegex

/// Substring search over bytes: `memchr` for the needle's rarest byte (by `ByteCommonness`, the
/// ranking the regex engine's literal search uses), then a compare.
enum ByteSearch {
    /// A needle with its rarest byte's index found once: the word lists heuristics search are
    /// fixed, and ranking each word's bytes again per candidate was a tenth of judging it.
    struct Needle: Sendable {
        /// The bytes searched for.
        let bytes: [UInt8]
        /// The index of the byte `memchr` looks for.
        let pivot: Int

        /// `bytes`, its rarest byte ranked now.
        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            pivot = bytes.isEmpty ? 0 : ByteCommonness.rarestIndex(in: bytes)
        }
    }

    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`.
    static func firstIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        firstIndex(of: Needle(needle), in: haystack, from: start)
    }

    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`.
    static func firstIndex(of needle: Needle, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let (needle, pivot) = (needle.bytes, needle.pivot)
        guard let base = haystack.baseAddress, !needle.isEmpty, start >= 0 else { return nil }
        let count = haystack.count
        let byte = Int32(needle[pivot])
        // Candidate starts are `i`; the pivot byte sits at `i + pivot`.
        var i = start
        while i + needle.count <= count {
            let from = i + pivot
            guard let hit = memchr(base + from, byte, count - needle.count + 1 - i) else { return nil }
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - pivot
            if memcmp(base + offset, needle, needle.count) == 0 { return offset }
            i = offset + 1
        }
        return nil
    }

    /// Whether `needle` (ASCII lowercase) occurs in `haystack` ignoring ASCII case: `memchr` for
    /// each case of the needle's rarest byte, then a folded compare. No folded copy of the
    /// haystack is made (a hex digest's line in a minified file is kilobytes long).
    static func containsFolded(_ needle: Needle, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        let (needle, pivot) = (needle.bytes, needle.pivot)
        guard let base = haystack.baseAddress, !needle.isEmpty, haystack.count >= needle.count else { return false }
        let lower = needle[pivot]
        let isLetter = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
        // The pivot byte of a match sits at `pivot...last`.
        let last = haystack.count - needle.count + pivot
        for byte in isLetter ? [lower, lower ^ 0x20] : [lower] {
            var i = pivot
            while i <= last, let hit = memchr(base + i, Int32(byte), last - i + 1) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let start = at - pivot
                var k = 0
                while k < needle.count, KeywordAutomaton.fold(base[start + k]) == needle[k] { k += 1 }
                if k == needle.count { return true }
                i = at + 1
            }
        }
        return false
    }

    /// The first `byte` in the `count` bytes from `start`, by `memchr`.
    static func first(_ byte: UInt8, from start: UnsafePointer<UInt8>, count: Int) -> UnsafePointer<UInt8>? {
        guard count > 0, let hit = memchr(start, Int32(byte), count) else { return nil }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
    }
}
