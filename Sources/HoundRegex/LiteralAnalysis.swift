/// Static facts about a pattern used to skip work: literal prefixes, required literals, the
/// possible first symbols of a match, and whether a match can span a newline.
enum LiteralAnalysis {
    /// Largest literal set kept while combining alternatives and sequences.
    static let maxSetSize = 64
    /// Longest literal kept.
    static let maxLiteralLength = 64

    /// Bytes every match starts with (case-sensitive literals only; zero-width items skipped).
    static func literalPrefix(_ node: RegexNode) -> [UInt8] {
        var prefix: [UInt8] = []
        _ = appendPrefix(node, to: &prefix)
        return prefix
    }

    /// Appends `node`'s literal prefix; returns whether the whole node was literal (so the next
    /// sibling may continue the prefix).
    private static func appendPrefix(_ node: RegexNode, to prefix: inout [UInt8]) -> Bool {
        switch node {
        case .empty, .assertion:
            return true
        case .literal(let rune, let foldCase):
            guard !foldCase, rune != RuneSet.replacement else { return false }
            prefix.append(contentsOf: UTF8Sequences.encode(rune))
            return true
        case .capture(_, _, let child):
            return appendPrefix(child, to: &prefix)
        case .concat(let children):
            for child in children where !appendPrefix(child, to: &prefix) { return false }
            return true
        case .repeating(let child, let min, _, _):
            if min > 0 { _ = appendPrefix(child, to: &prefix) }
            return false
        case .runeSet, .alternation:
            return false
        }
    }

    /// For the first positions of every match, the set of bytes that can stand there, as long as
    /// every earlier position is exactly one byte (case-insensitive literals like `(?i)akia` give
    /// `{a,A} {k,K,0xE2}`; the Kelvin sign's lead byte ends the run since its width varies).
    static func prefixByteSets(_ node: RegexNode) -> [[Bool]] {
        var sets: [[Bool]] = []
        _ = appendByteSets(node, to: &sets)
        return sets
    }

    /// Appends `node`'s leading byte sets; returns whether the run may continue past it.
    private static func appendByteSets(_ node: RegexNode, to sets: inout [[Bool]]) -> Bool {
        switch node {
        case .empty, .assertion:
            return true
        case .literal(let rune, let foldCase):
            let set = foldCase ? RuneSet(rune: rune).caseFolded() : RuneSet(rune: rune)
            guard set.runeCount <= 4 else { return false }
            var table = [Bool](repeating: false, count: 256)
            var singleBytes = true
            for range in set.ranges {
                for member in range {
                    table[Int(UTF8Sequences.encode(member)[0])] = true
                    if member >= 0x80 { singleBytes = false }
                }
            }
            sets.append(table)
            return singleBytes
        case .capture(_, _, let child):
            return appendByteSets(child, to: &sets)
        case .concat(let children):
            for child in children where !appendByteSets(child, to: &sets) { return false }
            return true
        case .repeating(let child, let min, _, _):
            if min > 0 { _ = appendByteSets(child, to: &sets) }
            return false
        case .runeSet, .alternation:
            return false
        }
    }

    /// Bytes every match contains, however it matches (each of them, not one of them).
    static func requiredBytes(_ node: RegexNode) -> ByteBitSet {
        switch node {
        case .empty, .assertion:
            return ByteBitSet()
        case .literal(let rune, let foldCase):
            return bytes(of: foldCase ? RuneSet(rune: rune).caseFolded() : RuneSet(rune: rune))
        case .runeSet(let set):
            return bytes(of: set)
        case .capture(_, _, let child):
            return requiredBytes(child)
        case .concat(let children):
            return children.reduce(ByteBitSet()) { $0.union(requiredBytes($1)) }
        case .alternation(let children):
            guard let first = children.first else { return ByteBitSet() }
            return children.dropFirst().reduce(requiredBytes(first)) { $0.intersection(requiredBytes($1)) }
        case .repeating(let child, let min, _, _):
            return min > 0 ? requiredBytes(child) : ByteBitSet()
        }
    }

    /// The bytes of a set's only rune; none when it holds several (or the replacement rune,
    /// which stands for invalid bytes).
    private static func bytes(of set: RuneSet) -> ByteBitSet {
        guard let rune = set.singleRune, rune != RuneSet.replacement else { return ByteBitSet() }
        return ByteBitSet(UTF8Sequences.encode(rune))
    }

    /// Whether some match may contain `\n`.
    static func canMatchNewline(_ node: RegexNode) -> Bool {
        switch node {
        case .empty, .assertion: return false
        case .literal(let rune, _): return rune == 0x0A
        case .runeSet(let set): return set.contains(0x0A)
        case .capture(_, _, let child): return canMatchNewline(child)
        case .repeating(let child, _, let max, _): return max != 0 && canMatchNewline(child)
        case .concat(let children), .alternation(let children): return children.contains(where: canMatchNewline)
        }
    }

    /// Symbols that can be consumed first by a match (assertions assumed satisfiable), or nil
    /// if the empty string can match.
    static func firstSymbols(_ program: Program) -> [Bool]? {
        var result = [Bool](repeating: false, count: ByteSets.symbolCount)
        var visited = Set<Int32>()
        var stack: [Int32] = [program.anchoredStart]
        while let pc = stack.popLast() {
            guard visited.insert(pc).inserted else { continue }
            let inst = program.insts[Int(pc)]
            switch inst.op {
            case .split:
                stack.append(inst.a)
                stack.append(inst.b)
            case .save, .assert:
                stack.append(inst.a)
            case .match:
                return nil
            case .consume:
                for range in program.ranges[Int(inst.a)..<Int(inst.a + inst.b)] {
                    for symbol in Int(range.lo)...Int(range.hi) { result[symbol] = true }
                }
            case .fail:
                break
            }
        }
        return result
    }

    /// Literals one of which every match contains (lowercased where case-insensitive); empty
    /// when no useful set is known.
    static func requiredLiterals(_ node: RegexNode) -> [String] {
        let info = literals(node)
        guard let best = better(info.exact, info.required), !best.contains(where: \.isEmpty) else { return [] }
        return Array(Set(best)).sorted()
    }

    /// What is known about the strings a node matches.
    private struct Info {
        /// Every string the node can match, when few.
        var exact: [String]?
        /// Strings one of which every match contains.
        var required: [String]?
    }

    private static func literals(_ node: RegexNode) -> Info {
        switch node {
        case .empty, .assertion:
            return Info(exact: [""], required: nil)
        case .literal(let rune, let foldCase):
            return Info(exact: [string(rune, lowercased: foldCase)], required: nil)
        case .runeSet(let set):
            guard set.runeCount <= 4 else { return Info(exact: nil, required: nil) }
            let runes = set.ranges.flatMap { Array($0) }
            let folded = set.caseFolded() == set && runes.allSatisfy { $0 < 0x80 }
            return Info(exact: Array(Set(runes.map { string($0, lowercased: folded) })).sorted(), required: nil)
        case .capture(_, _, let child):
            return literals(child)
        case .repeating(let child, let min, let max, _):
            if max == 0 { return Info(exact: [""], required: nil) }
            guard min > 0 else { return Info(exact: nil, required: nil) }
            let inner = literals(child)
            var exact: [String]? = nil
            if max == min, min <= 16, var product = inner.exact.map({ _ in [""] }), let childExact = inner.exact {
                for _ in 0..<min { product = self.product(product, childExact) ?? [] }
                exact = product.isEmpty ? nil : product
            }
            return Info(exact: exact, required: better(inner.exact, inner.required))
        case .concat(let children):
            var current: [String] = [""]
            var allExact = true
            var best: [String]? = nil
            for child in children {
                let info = literals(child)
                if let exact = info.exact, let combined = product(current, exact) {
                    current = combined
                    continue
                }
                allExact = false
                best = better(best, current)
                best = better(best, info.required)
                current = info.exact ?? [""]
            }
            best = better(best, current)
            return Info(exact: allExact ? current : nil, required: best)
        case .alternation(let children):
            let infos = children.map(literals)
            var exact: [String]? = []
            var required: [String]? = []
            for info in infos {
                exact = exact.flatMap { sum in info.exact.map { sum + $0 } }
                required = required.flatMap { sum in better(info.exact, info.required).map { sum + $0 } }
            }
            if let count = exact?.count, count > maxSetSize { exact = nil }
            if let count = required?.count, count > maxSetSize { required = nil }
            return Info(
                exact: exact.map { Array(Set($0)).sorted() }, required: required.map { Array(Set($0)).sorted() })
        }
    }

    /// Concatenations of every pair, or nil if the result would be too large.
    private static func product(_ left: [String], _ right: [String]) -> [String]? {
        guard left.count * right.count <= maxSetSize else { return nil }
        var result: [String] = []
        for prefix in left {
            for suffix in right {
                let joined = prefix + suffix
                guard joined.utf8.count <= maxLiteralLength else { return nil }
                result.append(joined)
            }
        }
        return result
    }

    /// The more selective of two literal sets: longer shortest member, then fewer members.
    private static func better(_ first: [String]?, _ second: [String]?) -> [String]? {
        guard let first, !first.isEmpty else { return second }
        guard let second, !second.isEmpty else { return first }
        let firstShortest = first.map(\.utf8.count).min() ?? 0
        let secondShortest = second.map(\.utf8.count).min() ?? 0
        if firstShortest != secondShortest { return firstShortest > secondShortest ? first : second }
        return first.count <= second.count ? first : second
    }

    private static func string(_ rune: UInt32, lowercased: Bool) -> String {
        guard let scalar = Unicode.Scalar(rune) else { return "\u{FFFD}" }
        return lowercased ? scalar.properties.lowercaseMapping : String(Character(scalar))
    }
}
