import HoundTestSupport
import Testing

@testable import HoundRegex

@Suite struct ByteBitSetTests {
    /// Bytes at each word's edges, so a wrong word or shift shows.
    let edges: [UInt8] = [0, 1, 63, 64, 65, 127, 128, 191, 192, 254, 255]

    @Test func holdsWhatWasInsertedAndNothingElse() {
        let set = ByteBitSet(edges)
        #expect(set.members == edges)
        for byte in 0...255 {
            #expect(set.contains(UInt8(byte)) == edges.contains(UInt8(byte)))
        }
        #expect(ByteBitSet().members == [])
    }

    @Test func unionAndIntersectionAgreeWithSetAlgebra() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let left = Self.randomBytes(&generator)
            let right = Self.randomBytes(&generator)
            let a = ByteBitSet(left)
            let b = ByteBitSet(right)
            #expect(a.union(b).members == left.union(right).sorted())
            #expect(a.intersection(b).members == left.intersection(right).sorted())
            #expect((a == b) == (left == right))
        }
    }

    private static func randomBytes(_ generator: inout SplitMix64) -> Set<UInt8> {
        Set((0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
