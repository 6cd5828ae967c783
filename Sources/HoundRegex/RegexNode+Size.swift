extension RegexNode {
    /// Instructions the forward program spends on this node, counting each character class as
    /// one whatever its UTF-8 encoding; saturates at `Int.max`.
    ///
    /// This is what the Pike VM's cost per byte grows with: at one position of the text every
    /// live thread sits either on the first byte of a character or at the same depth inside one,
    /// so a class holds at most one thread per copy however many byte-level instructions its
    /// UTF-8 sequences take. Counted repetitions multiply, as the compiler expands them
    /// (`x{n,m}` is `m` copies and `m - n` splits).
    var expandedSize: Int {
        switch self {
        case .empty:
            return 0
        case .literal, .runeSet, .assertion:
            return 1
        case .capture(_, _, let child):
            return Self.sum(child.expandedSize, 2)
        case .concat(let children):
            return children.reduce(0) { Self.sum($0, $1.expandedSize) }
        case .alternation(let children):
            return children.reduce(children.count - 1) { Self.sum($0, $1.expandedSize) }
        case .repeating(let child, let min, let max, _):
            let body = child.expandedSize
            if let max { return Self.sum(Self.product(body, max), max - min) }
            if min == 0 { return Self.sum(body, child.isNullable ? 2 : 1) }
            return Self.sum(Self.product(body, min), 1)
        }
    }

    private static func sum(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : result
    }

    private static func product(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : result
    }
}
