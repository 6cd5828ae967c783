/// Compiles a `RegexNode` to a `Program`, back to front: each node is compiled knowing its
/// successor, so no patch lists are needed.
///
/// Repetitions follow Go's simplifier and compiler so that match priorities (and therefore
/// leftmost-first captures) agree with Go: `x{n,m}` is `n` copies then nested optionals, `x{n,}`
/// is `n-1` copies then `x+`, and a star over a nullable body is `(x+)?`.
struct ProgramCompiler {
    /// Upper bound on the byte-level program, a memory bound: `CompiledRegex.sizeLimit` counts a
    /// character class once, but a class of many Unicode ranges compiles to many UTF-8 sequences.
    static let maxInstructions = 300_000

    /// The program being built.
    fileprivate(set) var program = Program()
    /// Whether to build the reversed automaton (byte order of UTF-8 sequences reversed).
    let reverse: Bool
    /// Whether `capture` nodes emit `save` instructions.
    let captures: Bool
    /// Shared suffix chains: `(range, next) -> pc`.
    private var chainCache: [ChainKey: Int32] = [:]
    /// UTF-8 sequences already computed for a rune set.
    private var sequenceCache: [RuneSet: [[UTF8Sequences.ByteRange]]] = [:]
    /// The pc of the shared `fail` instruction, once emitted.
    private var failPC: Int32 = -1
    /// Next placeholder successor for repetition templates (distinct negative values).
    private var nextPlaceholder: Int32 = -1000

    private struct ChainKey: Hashable {
        var lo: UInt8
        var hi: UInt8
        var next: Int32
    }

    /// Builds the forward program for a pattern with `captureCount` groups: an unanchored entry
    /// (lazy any-rune loop), `save 0`, the body, `save 1`, `match`.
    static func forward(_ node: RegexNode, captureCount: Int) throws(RegexSyntaxError) -> Program {
        var compiler = ProgramCompiler(reverse: false, captures: true)
        compiler.program.slotCount = 2 * (captureCount + 1)
        let match = compiler.emit(.match, 0, 0)
        let end = compiler.emit(.save, match, 1)
        let body = try compiler.compile(node, next: end)
        let start = compiler.emit(.save, body, 0)
        compiler.program.anchoredStart = start
        compiler.program.unanchoredStart = try compiler.lazyAnyRuneLoop(then: start)
        return compiler.finish()
    }

    /// Builds the reverse program (no captures, anchored only): matches the reversed text.
    static func reverse(_ node: RegexNode) throws(RegexSyntaxError) -> Program {
        var compiler = ProgramCompiler(reverse: true, captures: false)
        let match = compiler.emit(.match, 0, 0)
        let body = try compiler.compile(node.reversed, next: match)
        compiler.program.anchoredStart = body
        compiler.program.unanchoredStart = body
        return compiler.finish()
    }

    private init(reverse: Bool, captures: Bool) {
        self.reverse = reverse
        self.captures = captures
    }

    private mutating func finish() -> Program {
        program.classes = SymbolClasses(program: program)
        return program
    }

    /// `(?s:.)*?` in front of `start`: new match attempts begin at every rune boundary, with
    /// lower priority than attempts already under way.
    private mutating func lazyAnyRuneLoop(then start: Int32) throws(RegexSyntaxError) -> Int32 {
        let loop = emit(.split, start, -1)
        let any = try compileSet(RuneSet(pairs: [(0, RuneSet.maxRune)]), next: loop)
        program.insts[Int(loop)].b = any
        return loop
    }

    /// Appends an instruction and returns its pc.
    @discardableResult
    private mutating func emit(_ op: Program.Op, _ a: Int32, _ b: Int32) -> Int32 {
        program.insts.append(Program.Inst(op: op, a: a, b: b))
        return Int32(program.insts.count - 1)
    }

    private mutating func checkSize(adding extra: Int = 0) throws(RegexSyntaxError) {
        if program.insts.count + extra > ProgramCompiler.maxInstructions {
            let limit = RegexSyntaxError.grouped(ProgramCompiler.maxInstructions)
            throw RegexSyntaxError(
                message:
                    "regex too large after expanding repetitions and UTF-8 sequences (more than \(limit) byte-level instructions)",
                offset: 0, kind: .tooLarge)
        }
    }

    /// Compiles `node` so that it continues at `next`; returns its entry pc.
    fileprivate mutating func compile(_ node: RegexNode, next: Int32) throws(RegexSyntaxError) -> Int32 {
        try checkSize()
        switch node {
        case .empty:
            return next
        case .literal(let rune, let foldCase):
            if !foldCase && rune < 0x80 {
                return emitConsume([Program.SymbolRange(lo: UInt16(rune), hi: UInt16(rune), next: next)])
            }
            var set = RuneSet(rune: rune)
            if foldCase { set = set.caseFolded() }
            return try compileSet(set, next: next)
        case .runeSet(let set):
            return try compileSet(set, next: next)
        case .assertion(let assertion):
            program.assertionBits |= assertion.bit
            return emit(.assert, next, Int32(assertion.rawValue))
        case .capture(let index, _, let child):
            guard captures else { return try compile(child, next: next) }
            let close = emit(.save, next, Int32(2 * index + 1))
            let body = try compile(child, next: close)
            return emit(.save, body, Int32(2 * index))
        case .concat(let children):
            var entry = next
            for child in children.reversed() { entry = try compile(child, next: entry) }
            return entry
        case .alternation(let children):
            var entries: [Int32] = []
            for child in children { entries.append(try compile(child, next: next)) }
            var entry = entries[entries.count - 1]
            for index in stride(from: entries.count - 2, through: 0, by: -1) {
                entry = emit(.split, entries[index], entry)
            }
            return entry
        case .repeating(let child, let min, let max, let greedy):
            return try compileRepeat(child, min: min, max: max, greedy: greedy, next: next)
        }
    }

    private mutating func compileRepeat(_ child: RegexNode, min: Int, max: Int?, greedy: Bool, next: Int32)
        throws(RegexSyntaxError) -> Int32
    {
        var entry = next
        let uses: Int
        if let max {
            uses = max
        } else {
            if min == 0 { return try star(child, greedy: greedy, next: next) }
            entry = try plus(child, greedy: greedy, next: next)
            uses = min - 1
        }
        guard uses > 0 else { return entry }
        // The body is compiled once and cloned for the other copies (`x{10,150}` costs one compile).
        var copies = try Copies(child: child, uses: uses, compiler: &self)
        if let max {
            for _ in 0..<(max - min) {
                let body = try copies.next(continuingAt: entry, compiler: &self)
                entry = greedy ? emit(.split, body, next) : emit(.split, next, body)
            }
        }
        for _ in 0..<(max == nil ? uses : min) { entry = try copies.next(continuingAt: entry, compiler: &self) }
        return entry
    }

    /// Hands out `uses` copies of a body: clones of a template, the template itself last.
    fileprivate struct Copies {
        /// The repeated node.
        let child: RegexNode
        /// Copies still to hand out.
        var remaining: Int
        /// The template, until its last use.
        var template: Template?

        /// Prepares `uses` copies of `child`, compiling a template when more than one is needed.
        init(child: RegexNode, uses: Int, compiler: inout ProgramCompiler) throws(RegexSyntaxError) {
            self.child = child
            remaining = uses
            template = uses > 1 ? try compiler.makeTemplate(child) : nil
        }

        /// The next copy, continuing at `next`; returns its entry.
        mutating func next(continuingAt next: Int32, compiler: inout ProgramCompiler) throws(RegexSyntaxError) -> Int32
        {
            remaining -= 1
            guard let template else { return try compiler.compile(child, next: next) }
            if remaining > 0 { return try compiler.instantiate(template, next: next) }
            self.template = nil
            return template.patch(into: &compiler.program, next: next)
        }
    }

    /// A block of instructions compiled once against a placeholder successor.
    fileprivate struct Template {
        /// Entry pc of the block.
        var entry: Int32
        /// The successor value standing for "whatever follows".
        var placeholder: Int32
        /// Instructions of the block.
        var insts: Range<Int32>
        /// Dispatch ranges of the block.
        var ranges: Range<Int32>

        /// Replaces the placeholder by `next` in place (the template's last use).
        func patch(into program: inout Program, next: Int32) -> Int32 {
            let placeholder = self.placeholder
            func map(_ target: Int32) -> Int32 { target == placeholder ? next : target }
            for pc in insts {
                var inst = program.insts[Int(pc)]
                switch inst.op {
                case .split:
                    inst.a = map(inst.a)
                    inst.b = map(inst.b)
                case .save, .assert:
                    inst.a = map(inst.a)
                default:
                    continue
                }
                program.insts[Int(pc)] = inst
            }
            for index in ranges { program.ranges[Int(index)].next = map(program.ranges[Int(index)].next) }
            return map(entry)
        }
    }

    fileprivate mutating func makeTemplate(_ child: RegexNode) throws(RegexSyntaxError) -> Template {
        nextPlaceholder -= 1
        let placeholder = nextPlaceholder
        let instStart = Int32(program.insts.count)
        let rangeStart = Int32(program.ranges.count)
        let entry = try compile(child, next: placeholder)
        return Template(
            entry: entry, placeholder: placeholder, insts: instStart..<Int32(program.insts.count),
            ranges: rangeStart..<Int32(program.ranges.count))
    }

    /// A fresh copy of the template's block continuing at `next`; returns its entry.
    fileprivate mutating func instantiate(_ template: Template, next: Int32) throws(RegexSyntaxError) -> Int32 {
        if program.insts.count + template.insts.count > ProgramCompiler.maxInstructions {
            try checkSize(adding: template.insts.count)
        }
        let instOffset = Int32(program.insts.count) - template.insts.lowerBound
        let rangeOffset = Int32(program.ranges.count) - template.ranges.lowerBound
        func map(_ target: Int32) -> Int32 {
            if target == template.placeholder { return next }
            return template.insts.contains(target) ? target + instOffset : target
        }
        for pc in template.insts {
            var inst = program.insts[Int(pc)]
            switch inst.op {
            case .split:
                inst.a = map(inst.a)
                inst.b = map(inst.b)
            case .save, .assert:
                inst.a = map(inst.a)
            case .consume:
                inst.a += rangeOffset
            case .match, .fail:
                break
            }
            program.insts.append(inst)
        }
        for index in template.ranges {
            var range = program.ranges[Int(index)]
            range.next = map(range.next)
            program.ranges.append(range)
        }
        return map(template.entry)
    }

    /// `x*`; over a nullable body, `(x+)?` as Go does, so empty iterations keep Go's priorities.
    private mutating func star(_ child: RegexNode, greedy: Bool, next: Int32) throws(RegexSyntaxError) -> Int32 {
        if child.isNullable {
            let body = try plus(child, greedy: greedy, next: next)
            return greedy ? emit(.split, body, next) : emit(.split, next, body)
        }
        let loop = emit(.split, -1, -1)
        let body = try compile(child, next: loop)
        program.insts[Int(loop)] = Program.Inst(op: .split, a: greedy ? body : next, b: greedy ? next : body)
        return loop
    }

    /// `x+`: the body, then a split back to it.
    private mutating func plus(_ child: RegexNode, greedy: Bool, next: Int32) throws(RegexSyntaxError) -> Int32 {
        let loop = emit(.split, -1, -1)
        let body = try compile(child, next: loop)
        program.insts[Int(loop)] = Program.Inst(op: .split, a: greedy ? body : next, b: greedy ? next : body)
        return body
    }

    /// One dispatch instruction over sorted, disjoint ranges.
    private mutating func emitConsume(_ ranges: [Program.SymbolRange]) -> Int32 {
        let first = Int32(program.ranges.count)
        program.ranges.append(contentsOf: ranges)
        return emit(.consume, first, Int32(ranges.count))
    }

    private mutating func failInstruction() -> Int32 {
        if failPC < 0 { failPC = emit(.fail, 0, 0) }
        return failPC
    }
}

extension ProgramCompiler {
    /// One rune of `set`, as UTF-8 (reversed in the reverse program); U+FFFD in the set also
    /// accepts any single byte that Go would decode as an error.
    fileprivate mutating func compileSet(_ set: RuneSet, next: Int32) throws(RegexSyntaxError) -> Int32 {
        guard !set.isEmpty else { return failInstruction() }
        if let last = set.bounds.last, last < 0x80 {
            var ranges: [Program.SymbolRange] = []
            ranges.reserveCapacity(set.bounds.count / 2)
            var index = 0
            while index < set.bounds.count {
                ranges.append(
                    Program.SymbolRange(lo: UInt16(set.bounds[index]), hi: UInt16(set.bounds[index + 1]), next: next))
                index += 2
            }
            return emitConsume(ranges)
        }
        var items: [Program.SymbolRange] = []
        for range in set.ranges where range.lowerBound < 0x80 {
            items.append(
                Program.SymbolRange(lo: UInt16(range.lowerBound), hi: UInt16(min(range.upperBound, 0x7F)), next: next))
        }
        if set.contains(RuneSet.replacement) {
            items.append(Program.SymbolRange(lo: 0x80, hi: 0xC1, next: next))
            items.append(Program.SymbolRange(lo: 0xF5, hi: UInt16(ByteSets.invalidLead), next: next))
        }
        if set.bounds.last.map({ $0 >= 0x80 }) ?? false {
            for sequence in multiByteSequences(set) {
                let ordered = reverse ? Array(sequence.reversed()) : sequence
                var target = next
                for byteRange in ordered.dropFirst().reversed() {
                    target = chain(byteRange, next: target)
                }
                items.append(Program.SymbolRange(lo: UInt16(ordered[0].lo), hi: UInt16(ordered[0].hi), next: target))
            }
        }
        try checkSize()
        // Pack into as few dispatch instructions as keep ranges disjoint (forward: one).
        items.sort { $0.lo < $1.lo }
        var groups: [[Program.SymbolRange]] = []
        for item in items {
            if let index = groups.firstIndex(where: { $0[$0.count - 1].hi < item.lo }) {
                var last = groups[index][groups[index].count - 1]
                if last.next == item.next && last.hi + 1 == item.lo {
                    last.hi = item.hi
                    groups[index][groups[index].count - 1] = last
                } else {
                    groups[index].append(item)
                }
            } else {
                groups.append([item])
            }
        }
        var entry = emitConsume(groups[groups.count - 1])
        for group in groups.dropLast().reversed() {
            entry = emit(.split, emitConsume(group), entry)
        }
        return entry
    }

    /// The multi-byte sequences of `set`, memoized per set.
    private mutating func multiByteSequences(_ set: RuneSet) -> [[UTF8Sequences.ByteRange]] {
        if set.bounds.count == 2 && set.bounds[1] == RuneSet.maxRune && set.bounds[0] <= 0x80 {
            return UTF8Sequences.allMultiByte
        }
        if let cached = sequenceCache[set] { return cached }
        var result: [[UTF8Sequences.ByteRange]] = []
        for range in set.ranges where range.upperBound >= 0x80 {
            result.append(contentsOf: UTF8Sequences.sequences(max(range.lowerBound, 0x80), range.upperBound))
        }
        sequenceCache[set] = result
        return result
    }

    /// A single-range consume instruction leading to `next`, shared when seen before.
    private mutating func chain(_ range: UTF8Sequences.ByteRange, next: Int32) -> Int32 {
        let key = ChainKey(lo: range.lo, hi: range.hi, next: next)
        if let cached = chainCache[key] { return cached }
        let pc = emitConsume([Program.SymbolRange(lo: UInt16(range.lo), hi: UInt16(range.hi), next: next)])
        chainCache[key] = pc
        return pc
    }
}
