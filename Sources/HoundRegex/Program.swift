/// A compiled Thompson NFA over symbols (see `ByteSets`), shared by the Pike VM and the lazy DFA.
///
/// Consuming instructions are small deterministic dispatch tables: sorted, disjoint symbol ranges,
/// each with its own successor, so a whole UTF-8 class is one thread rather than a split tree.
struct Program: Sendable {
    /// Instruction kinds.
    enum Op: UInt8, Sendable {
        /// Consume one symbol: `ranges[a..<a+b]` say where each accepted symbol leads.
        case consume
        /// Try `a` first, then `b`.
        case split
        /// Record the position in slot `b`, continue at `a`.
        case save
        /// Continue at `a` if assertion `b` holds here.
        case assert
        /// A match ends here.
        case match
        /// Dead end.
        case fail
    }

    /// One instruction; the meaning of `a` and `b` depends on `op`.
    struct Inst: Sendable {
        /// Kind.
        var op: Op
        /// Successor, preferred successor, or first range index.
        var a: Int32
        /// Alternative successor, slot, assertion, or range count.
        var b: Int32
    }

    /// `lo...hi` (symbols) leads to `next`.
    struct SymbolRange: Sendable, Equatable {
        /// First symbol.
        var lo: UInt16
        /// Last symbol.
        var hi: UInt16
        /// Successor instruction.
        var next: Int32
    }

    /// The instructions.
    var insts: [Inst] = []
    /// Dispatch ranges of all `consume` instructions.
    var ranges: [SymbolRange] = []
    /// Entry for a search anchored at its starting position.
    var anchoredStart: Int32 = 0
    /// Entry for an unanchored search: a lazy any-rune loop in front of `anchoredStart`.
    var unanchoredStart: Int32 = 0
    /// Number of capture slots (two per group, group 0 included); 0 in the reverse program.
    var slotCount = 0
    /// Union of assertion bits used anywhere (`Assertion.bit`).
    var assertionBits: UInt8 = 0
    /// Symbol equivalence classes for the DFA.
    var classes = SymbolClasses()

    /// Successor of the consuming instruction `inst` on `symbol`, or -1, reading its ranges
    /// from raw memory (the Pike VM's and the backtracker's inner loops).
    @inline(__always)
    static func successor(of inst: Inst, on symbol: Int, ranges: UnsafeBufferPointer<SymbolRange>) -> Int32 {
        var index = Int(inst.a)
        let end = index + Int(inst.b)
        while index < end {
            let range = ranges[index]
            if symbol < Int(range.lo) { return -1 }
            if symbol <= Int(range.hi) { return range.next }
            index += 1
        }
        return -1
    }

    /// Successor of consuming instruction `pc` on `symbol`, or -1.
    @inline(__always)
    func step(_ pc: Int, _ symbol: Int) -> Int32 {
        ranges.withUnsafeBufferPointer { Program.successor(of: insts[pc], on: symbol, ranges: $0) }
    }
}

/// Partition of the 258 symbols into classes no instruction or assertion tells apart.
struct SymbolClasses: Sendable {
    /// Class of each symbol.
    var classOf: [UInt16] = Array(repeating: 0, count: ByteSets.symbolCount)
    /// A representative symbol of each class.
    var representative: [Int] = [0]
    /// Number of classes.
    var count: Int { representative.count }

    /// Classes from the boundaries of every consume range, plus word and newline bytes when
    /// assertions need them; `invalidLead` and `edge` are always classes of their own.
    init(program: Program) {
        var boundary = [Bool](repeating: false, count: ByteSets.symbolCount + 1)
        for range in program.ranges {
            boundary[Int(range.lo)] = true
            boundary[Int(range.hi) + 1] = true
        }
        let wordBits = Assertion.wordBoundary.bit | Assertion.notWordBoundary.bit
        if program.assertionBits & wordBits != 0 {
            for edge in [0x30, 0x3A, 0x41, 0x5B, 0x5F, 0x60, 0x61, 0x7B] { boundary[edge] = true }
        }
        let lineBits = Assertion.beginLine.bit | Assertion.endLine.bit
        if program.assertionBits & lineBits != 0 {
            boundary[0x0A] = true
            boundary[0x0B] = true
        }
        boundary[ByteSets.invalidLead] = true
        boundary[ByteSets.edge] = true
        var current = -1
        representative = []
        for symbol in 0..<ByteSets.symbolCount {
            if symbol == 0 || boundary[symbol] {
                current += 1
                representative.append(symbol)
            }
            classOf[symbol] = UInt16(current)
        }
    }

    /// A single class (placeholder before compilation).
    init() {}
}
