import HoundTestSupport
import Testing

@testable import HoundRegex

@Suite("Start accelerator")
struct StartAcceleratorTests {
    /// The naive answer: the first position in `from..<end` whose byte is in `members`
    /// (`offset` bytes into a possible match).
    private static func naive(_ text: [UInt8], _ members: Set<UInt8>, from: Int, end: Int, offset: Int) -> Int? {
        var position = from + offset
        while position < end {
            if members.contains(text[position]) { return position - offset }
            position += 1
        }
        return nil
    }

    @Test(arguments: [1, 2, 3, 4, 5, 9])
    func byteSetsAgreeWithANaiveScan(size: Int) {
        var random = SplitMix64(seed: UInt64(size))
        let alphabet = Array("abcdefghijXYZ0123 \n\u{7F}".utf8) + [0xC3, 0xFF]
        for round in 0..<200 {
            let members = Set(alphabet.shuffled(using: &random).prefix(size)).subtracting([0xFF])
            guard !members.isEmpty else { continue }
            let table = (0..<256).map { members.contains(UInt8($0)) }
            // Sparse members: long runs without one, so whole words are skipped.
            let text = (0..<Int.random(in: 0...90, using: &random)).map { _ in
                Int.random(in: 0..<8, using: &random) == 0
                    ? alphabet.randomElement(using: &random)! : UInt8(ascii: "-")
            }
            let from = Int.random(in: 0...max(0, text.count / 3), using: &random)
            let end = Int.random(in: from...text.count, using: &random)
            let offset = round % 3
            let accelerator = StartAccelerator(
                literalPrefix: [], prefixByteSets: [table, table, table].prefix(offset + 1).map { $0 }
                    .enumerated().map { $0.offset == offset ? $0.element : [Bool](repeating: true, count: 256) },
                firstSymbols: offset == 0 ? table + [false] : nil)  // the extra entry: invalid UTF-8
            let expected: Int?
            switch accelerator.kind {
            case .byteSetAt(_, let at): expected = Self.naive(text, members, from: from, end: end, offset: at)
            case .byteSet: expected = Self.naive(text, members, from: from, end: end, offset: 0)
            case .byte(let byte): expected = Self.naive(text, [byte], from: from, end: end, offset: 0)
            case .none, .literal: continue
            }
            let found = text.withUnsafeBufferPointer { accelerator.nextCandidate(in: $0, from: from, end: end) }
            #expect(found == expected, "members \(members.sorted()) text \(text) from \(from) end \(end)")
        }
    }
}
