/// HoundRegex: keyhound's own linear-time regular expression engine, with Go `regexp` (RE2)
/// syntax and leftmost-first semantics.
///
/// A pattern is parsed (`RegexParser`) into a `RegexNode`, compiled (`ProgramCompiler`) into a
/// byte-level Thompson NFA whose UTF-8 handling follows Go (each invalid byte is one U+FFFD), and
/// run three ways: a lazy DFA finds where the leftmost-first match ends, a reverse lazy DFA finds
/// where it starts, and the Pike VM recovers capture groups over just that span. A literal prefix
/// or a short set of first bytes lets the DFA skip text with `memmem`/`memchr`. No backtracking:
/// time is linear in the text for every pattern.

/// A compiled pattern: immutable, safe to share across threads.
public final class CompiledRegex: Sendable {
    /// The pattern as written.
    public let pattern: String
    /// Names by group number; index 0 (the whole match) is nil.
    public let captureNames: [String?]
    /// Whether some match may span a `\n`.
    public let canMatchNewline: Bool
    /// Best-effort literals one of which every match contains (lowercased where the pattern is
    /// case-insensitive); empty when unknown. Worked out on each call (a scan never asks).
    public var requiredLiterals: [String] { LiteralAnalysis.requiredLiterals(node) }
    /// Bytes every match contains, rarest first (by `ByteCommonness`): a span without one of
    /// them holds no match.
    public let requiredBytes: [UInt8]

    /// The parsed pattern.
    let node: RegexNode
    /// The forward program (with captures and an unanchored entry).
    let program: Program
    /// Skips text that cannot start a match.
    let accelerator: StartAccelerator
    /// Per-thread DFA caches and Pike VM scratch.
    let pool: SearchCachePool

    /// Default bound on `expandedSize`. The Pike VM (the fallback when the lazy DFA's cache
    /// thrashes) costs up to this many steps per byte, so it bounds a rule's worst case per byte
    /// of input; the largest built-in rule is about 2,200 (see docs/hardening.md).
    public static let sizeLimit = 5_000

    /// Compiles `pattern`, or throws a `RegexSyntaxError` naming the problem and its byte offset
    /// (kind `.tooLarge` when its expanded size is above `sizeLimit`).
    public init(_ pattern: String, sizeLimit: Int = CompiledRegex.sizeLimit) throws(RegexSyntaxError) {
        var parser = RegexParser(pattern)
        let node = try parser.parse()
        let expandedSize = node.expandedSize
        guard expandedSize <= sizeLimit else {
            throw RegexSyntaxError.tooLarge(instructions: expandedSize, limit: sizeLimit)
        }
        self.pattern = pattern
        self.expandedSize = expandedSize
        self.captureNames = parser.captureNames
        self.program = try ProgramCompiler.forward(node, captureCount: parser.captureCount)
        self.canMatchNewline = LiteralAnalysis.canMatchNewline(node)
        self.node = node
        self.requiredBytes = LiteralAnalysis.requiredBytes(node).members.sorted {
            (ByteCommonness.of($0), $0) < (ByteCommonness.of($1), $1)
        }
        let accelerator = StartAccelerator(
            literalPrefix: LiteralAnalysis.literalPrefix(node), prefixByteSets: LiteralAnalysis.prefixByteSets(node),
            firstSymbols: LiteralAnalysis.firstSymbols(program))
        self.accelerator = accelerator
        self.pool = SearchCachePool(forward: program, node: node, accelerated: accelerator.isActive)
    }

    /// Size of the compiled forward program, in instructions, after counted repetitions are
    /// expanded: what the Pike VM's cost per byte grows with.
    public var instructionCount: Int { program.insts.count }
    /// Size of the pattern's program counting each character class as one instruction: the
    /// measure `sizeLimit` bounds (see `RegexNode.expandedSize`).
    public let expandedSize: Int

    /// Number of capture groups, not counting group 0.
    public var captureCount: Int { captureNames.count - 1 }

    /// The number of the group named `name`, or nil.
    public func index(ofGroup name: String) -> Int? {
        captureNames.firstIndex { $0 == name }
    }
}
