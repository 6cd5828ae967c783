/// Whether a pattern's matches can hold a given literal: rules name keywords that select where
/// their regex runs, and a keyword no match can contain is a mistake (the rule would only ever
/// fire by accident).
extension CompiledRegex {
    /// Whether some match of the pattern can contain `literal` (ASCII letters compared without
    /// case, as keywords are). Assertions (`^`, `$`, `\b`) are assumed to hold, so the answer
    /// errs towards true: false means no match can ever contain it.
    ///
    /// Explores pairs (instruction, how much of `literal` the bytes so far end with) from the
    /// anchored start, a Knuth-Morris-Pratt automaton run beside the NFA: at most
    /// instructions × (literal length + 1) states.
    public func canMatch(containing literal: [UInt8]) -> Bool {
        let needle = literal.map(Self.folded)
        guard !needle.isEmpty else { return true }
        let k = needle.count
        // Failure function of the needle.
        var failure = [Int](repeating: 0, count: k)
        var length = 0
        for index in 1..<max(k, 1) where index < k {
            while length > 0 && needle[index] != needle[length] { length = failure[length - 1] }
            if needle[index] == needle[length] { length += 1 }
            failure[index] = length
        }
        func advance(_ state: Int, _ byte: UInt8) -> Int {
            if state == k { return k }
            var state = state
            while state > 0 && needle[state] != byte { state = failure[state - 1] }
            return needle[state] == byte ? state + 1 : 0
        }
        let insts = program.insts
        var seen = [Bool](repeating: false, count: insts.count * (k + 1))
        var stack: [(Int32, Int)] = [(program.anchoredStart, 0)]
        let distinct = Array(Set(needle))
        while let (pc, state) = stack.popLast() {
            let key = Int(pc) * (k + 1) + state
            guard pc >= 0, Int(pc) < insts.count, !seen[key] else { continue }
            seen[key] = true
            let inst = insts[Int(pc)]
            switch inst.op {
            case .match:
                if state == k { return true }
            case .fail:
                break
            case .split:
                stack.append((inst.a, state))
                stack.append((inst.b, state))
            case .save, .assert:
                stack.append((inst.a, state))
            case .consume:
                let ranges = program.ranges[Int(inst.a)..<Int(inst.a + inst.b)]
                for range in ranges {
                    // Needle bytes in this range (either case) move the automaton their own
                    // way; any other symbol sends it back to the start.
                    var inside = 0
                    for byte in distinct {
                        let variants = Self.isLower(byte) ? [byte, byte - 32] : [byte]
                        let hits = variants.filter { Int($0) >= Int(range.lo) && Int($0) <= Int(range.hi) }.count
                        if hits > 0 { stack.append((range.next, advance(state, byte))) }
                        inside += hits
                    }
                    if Int(range.hi) - Int(range.lo) + 1 > inside { stack.append((range.next, state == k ? k : 0)) }
                }
            }
        }
        return false
    }

    /// Whether `byte` is an ASCII lower-case letter.
    static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }

    /// ASCII lower case of `byte`.
    static func folded(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
