#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search over bytes: `memchr` for the needle's rarest byte, then a compare.
enum ByteSearch {
    /// How common each byte is in source code: the bytes below, most frequent first (counted
    /// over the benchmark corpus), rank highest; every other byte ranks 0. Searching for `\n`
    /// or a space stops every few bytes; an upper-case letter or a rare punctuation mark lets
    /// `memchr` run.
    private static let commonness: [UInt8] = {
        let common = Array(" etsraoni\nlcdpuf.m(),h:_\"gb/y'=0wxvE-T1S2kCAINqO".utf8)
        var rank = [UInt8](repeating: 0, count: 256)
        for (index, byte) in common.enumerated() { rank[Int(byte)] = UInt8(common.count - index) }
        return rank
    }()

    /// The index in `needle` of its rarest byte by the table above (the first of equals).
    static func rarestIndex(_ needle: [UInt8]) -> Int {
        var best = 0
        for index in needle.indices where commonness[Int(needle[index])] < commonness[Int(needle[best])] {
            best = index
        }
        return best
    }

    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`.
    static func firstIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = haystack.baseAddress, !needle.isEmpty, start >= 0 else { return nil }
        let count = haystack.count
        let pivot = rarestIndex(needle)
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
}
