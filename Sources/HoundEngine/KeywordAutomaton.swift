/// One Aho-Corasick automaton over every rule's keywords, ASCII case-folded, compiled to a dense
/// DFA over byte classes so the scan loop is one table load per byte.
///
/// Each transition entry carries the next state in its low 31 bits and, in the top bit, whether
/// that state ends at least one keyword, so the loop branches only on a hit.
public struct KeywordAutomaton: Sendable {
    /// A keyword occurrence: which keyword, and the offset just past its last byte.
    public struct Hit: Sendable, Equatable {
        /// Index into the keyword list the automaton was built from.
        public var keyword: Int
        /// Offset just past the keyword's last byte.
        public var end: Int
    }

    /// The keywords, lowercased, in the order given.
    public let keywords: [[UInt8]]
    private let byteClass: [UInt8]
    private let classCount: Int
    private let table: [UInt32]
    private let outputs: [[Int32]]

    private static let hitBit: UInt32 = 0x8000_0000

    /// Builds the automaton. Keywords are ASCII-lowercased; empty keywords are ignored.
    public init(keywords: [String]) {
        let lowered = keywords.map { Array($0.utf8).map(KeywordAutomaton.fold) }
        self.keywords = lowered

        // Trie. Children are kept in small arrays (most nodes have one child): no hashing, which
        // dominated start-up with a dictionary per node.
        var goto: [[(byte: UInt8, child: Int32)]] = [[]]
        var out: [[Int32]] = [[]]
        func child(_ state: Int, _ byte: UInt8) -> Int32? {
            for edge in goto[state] where edge.byte == byte { return edge.child }
            return nil
        }
        for (index, word) in lowered.enumerated() where !word.isEmpty {
            var state = 0
            for byte in word {
                if let next = child(state, byte) {
                    state = Int(next)
                } else {
                    goto.append([])
                    out.append([])
                    goto[state].append((byte, Int32(goto.count - 1)))
                    state = goto.count - 1
                }
            }
            out[state].append(Int32(index))
        }

        // Byte classes: bytes that appear in no keyword share class 0; others get their own
        // (after folding, uppercase letters share their lowercase letter's class).
        var used = [Bool](repeating: false, count: 256)
        for word in lowered { for b in word { used[Int(b)] = true } }
        var classOf = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for b in 0..<256 where used[b] {
            classOf[b] = next
            next += 1
        }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(b)] = classOf[Int(b | 0x20)] }
        let classes = Int(next)

        // Breadth-first failure links, folded into a dense table.
        let stateCount = goto.count
        var table = [UInt32](repeating: 0, count: stateCount * classes)
        var fail = [Int](repeating: 0, count: stateCount)
        var queue: [Int] = []
        var representative = [UInt8](repeating: 0, count: classes)
        for b in 0..<256 where used[b] { representative[Int(classOf[b])] = UInt8(b) }
        for c in 1..<classes {
            if let next = child(0, representative[c]) {
                table[c] = UInt32(next)
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            out[state] += out[fail[state]]
            for c in 0..<classes {
                let viaFail = table[fail[state] * classes + c]
                if c != 0, let next = child(state, representative[c]) {
                    fail[Int(next)] = Int(viaFail & ~Self.hitBit)
                    table[state * classes + c] = UInt32(next)
                    queue.append(Int(next))
                } else {
                    table[state * classes + c] = viaFail & ~Self.hitBit
                }
            }
        }
        // Mark transitions into states with outputs, and store each target premultiplied by the
        // row width so the scan loop needs no multiplication.
        for i in 0..<table.count {
            let target = Int(table[i])
            table[i] = UInt32(target * classes) | (out[target].isEmpty ? 0 : Self.hitBit)
        }

        self.byteClass = classOf
        self.classCount = classes
        self.table = table
        self.outputs = out
    }

    @inline(__always) static func fold(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    /// Every keyword occurrence in `bytes`, in order of end offset.
    public func hits(in bytes: UnsafeBufferPointer<UInt8>) -> [Hit] {
        var result: [Hit] = []
        scan(bytes) { keyword, end in result.append(Hit(keyword: keyword, end: end)) }
        return result
    }

    /// Calls `body(keyword, end)` for every keyword occurrence in `bytes`.
    @inline(__always)
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        guard !table.isEmpty, let base = bytes.baseAddress else { return }
        let count = bytes.count
        table.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { classes in
                let width = classCount
                var row = 0
                var i = 0
                while i < count {
                    let entry = table[row &+ Int(classes[Int(base[i])])]
                    row = Int(entry & ~KeywordAutomaton.hitBit)
                    i &+= 1
                    if entry & KeywordAutomaton.hitBit != 0 {
                        for keyword in outputs[row / width] { body(Int(keyword), i) }
                    }
                }
            }
        }
    }
}
