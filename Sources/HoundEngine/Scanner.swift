#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundModel
import HoundRegex
import HoundRules
import HoundSupport

/// What one fragment yielded: reportable findings, and those that a suppression hid (with why).
public struct FragmentResult: Sendable {
    /// Findings to report.
    public var findings: [Finding] = []
    /// Findings hidden by inline allows, allowlists or failed validators, with the reason.
    public var suppressed: [(finding: Finding, reason: String)] = []

    /// An empty result.
    public init() {}
}

/// Scans fragments with one compiled rule set. Not shared between threads: each worker owns one
/// (it keeps the rule regexes it has used; `CompiledRules` compiles each once for all workers).
///
/// A fragment goes through four steps: the keyword pass (rule windows, decoder markers), the
/// rules' regexes on their windows (candidates), judging each candidate (entropy, placeholders,
/// documented examples, validators, generic-value heuristics: a rejected candidate is kept with
/// its reason, for `--show-suppressed`), and decoding (base64, percent-encoding, string
/// escapes, joined literals, Kubernetes Secrets), whose contents are scanned the same way, one
/// level deeper, and reported at the encoded bytes.
public struct Scanner {
    /// The rules.
    public let compiled: CompiledRules
    private var regexes: [CompiledRegex?]
    private var regexFailed: [Bool]
    /// Per rule, a byte every match holds and its keywords do not (-1: none): windows without
    /// it are not searched (`https://` opens a window on every URL; only `user:pass@` ones
    /// hold the `@` url-credentials needs).
    private var windowFilter: [Int16]
    /// Per rule, the windows its keyword hits opened in the current fragment (single-line and
    /// multi-line reach), kept between fragments so their storage is reused.
    private var singleLineWindows: [[Range<Int>]]
    private var multilineWindows: [[Range<Int>]]
    /// Rules with windows in the current fragment.
    private var touchedRules: [Int] = []
    /// The keyword automaton's hit buffers, kept between fragments.
    private var automatonScratch = KeywordAutomaton.Scratch()
    /// The rule set's keyword automaton and markers, fetched on the first fragment.
    private var prefilter: Prefilter?
    /// What the last fragment's keyword pass found for the decoders.
    var pendingDecodes = DecodeRequests()
    /// Decoded bytes the current top-level fragment may still produce.
    var decodeBudget = 0
    /// Numbers the views whose contents map to a whole span (see `Verdict.group`).
    var nextGroup: Int32 = 0
    /// Bytes of context kept on each side of a keyword hit for single-line rules.
    static let hitMargin = 16 * 1024
    /// Bytes after the hit's line that multi-line rules may reach.
    static let multilineReach = 64 * 1024
    /// Bytes of a finding's line, on each side of the secret, that heuristics and suppressions
    /// read: a 50 MB line holding thousands of candidates was otherwise read once per candidate.
    static let lineReach = 4096
    /// How deep decoders may nest (base64 inside base64, percent-encoding inside escaped JSON).
    static let maxDecodeDepth = 2
    /// The largest decoded value scanned.
    static let maxDecodedSize = 1 << 20

    /// A scanner over `compiled`.
    public init(_ compiled: CompiledRules) {
        self.compiled = compiled
        regexes = Array(repeating: nil, count: compiled.rules.count)
        regexFailed = Array(repeating: false, count: compiled.rules.count)
        windowFilter = Array(repeating: -1, count: compiled.rules.count)
        singleLineWindows = Array(repeating: [], count: compiled.rules.count)
        multilineWindows = Array(repeating: [], count: compiled.rules.count)
    }

    /// A candidate before filtering and positioning.
    struct Candidate {
        var rule: Int
        var match: Range<Int>
        var secret: Range<Int>
    }

    /// Scans one fragment.
    public mutating func scan(_ fragment: Fragment) -> FragmentResult {
        decodeBudget = Self.decodeBudget(for: fragment.bytes.count)
        let (candidates, views) = fragment.bytes.withUnsafeBufferPointer { buffer in
            (collectCandidates(buffer, path: fragment.path), decodedViews(buffer, depth: 0))
        }
        return finish(fragment, candidates: consume candidates, views: consume views)
    }

    /// Scans bytes that are only borrowed (a file reader's buffer): they are copied into a
    /// fragment only when something was found, which most files never need.
    public mutating func scan(path: String, bytes: UnsafeBufferPointer<UInt8>, provenance: Provenance)
        -> FragmentResult
    {
        decodeBudget = Self.decodeBudget(for: bytes.count)
        let candidates = collectCandidates(bytes, path: path)
        let views = decodedViews(bytes, depth: 0)
        if candidates.isEmpty && views.isEmpty && !pendingDecodes.kubernetesSecret && !hasPathFinding(path) {
            return FragmentResult()
        }
        let fragment = Fragment(path: path, bytes: Array(bytes), provenance: provenance)
        return finish(fragment, candidates: consume candidates, views: consume views)
    }

    /// Decoded bytes a fragment of `count` bytes may produce in all: twice its size, at least
    /// one decoded value's worth, so a hostile file cannot make decoding quadratic.
    static func decodeBudget(for count: Int) -> Int { max(maxDecodedSize, 2 * count) }

    /// Whether a path-only rule reports `path` itself.
    private func hasPathFinding(_ path: String) -> Bool {
        compiled.pathOnlyRules.contains { compiled.pathFilters[$0]?.matches(path) == true }
    }

    // MARK: Candidates

    mutating func collectCandidates(_ buffer: UnsafeBufferPointer<UInt8>, path: String) -> [Candidate] {
        let count = buffer.count
        pendingDecodes = DecodeRequests()
        guard count > 0 else { return [] }
        // Keyword hits, each with the bounds of its line. Hits arrive in order, so the line of the
        // previous hit is reused: finding lines costs O(bytes) in total, even for a 50 MB line
        // with a million hits. Each hit widens its rules' windows at once (for single-line and
        // for multi-line regexes: which one a rule has is known only once it is compiled), so
        // memory follows the windows, not the hits: keeping every hit took 500 MB on a 50 MB
        // line with a keyword every few bytes.
        if prefilter == nil { prefilter = compiled.prefilter }
        guard let prefilter else { return [] }
        let automaton = prefilter.automaton
        let keywords = automaton.keywords
        let rulesForKeyword = compiled.rulesForKeyword
        let firstMarker = prefilter.firstMarker
        let markers = prefilter.markers
        var decodes = DecodeRequests()
        defer { pendingDecodes = decodes }
        var line = 0..<0
        var lineKnown = false
        var touched = touchedRules
        var singleLine = singleLineWindows
        var multiline = multilineWindows
        touched.removeAll(keepingCapacity: true)
        singleLineWindows = []
        multilineWindows = []
        var scratch = automatonScratch
        automatonScratch = KeywordAutomaton.Scratch()
        defer { automatonScratch = scratch }
        automaton.scan(buffer, scratch: &scratch) { keyword, end in
            if keyword >= firstMarker {
                decodes.note(markers[keyword - firstMarker], end: end, length: keywords[keyword].count)
                return
            }
            let start = end - keywords[keyword].count
            if !lineKnown || start >= line.upperBound + 1 || start < line.lowerBound {
                let floor = lineKnown && start > line.upperBound ? line.upperBound + 1 : 0
                let lower = Self.lineStart(buffer, before: start, notBefore: floor)
                line = lower..<Self.lineEnd(buffer, from: start)
                lineKnown = true
                decodes.hitLines.append(line)
            }
            decodes.noteKeyword(start..<end, line: line)
            let lower = max(line.lowerBound, start - Self.hitMargin)
            let singleLineUpper = min(line.upperBound, end + Self.hitMargin)
            let multilineUpper = min(count, line.upperBound + Self.multilineReach)
            for rule in rulesForKeyword[keyword] {
                let r = Int(rule)
                if singleLine[r].isEmpty { touched.append(r) }
                Self.widen(&singleLine[r], lower..<singleLineUpper)
                Self.widen(&multiline[r], lower..<multilineUpper)
            }
        }
        touched.sort()
        var candidates: [Candidate] = []
        func run(_ rule: Int, _ regex: CompiledRegex, windows: [Range<Int>], filter: Int16) {
            let group = secretGroup(for: rule, regex: regex)
            let groups = regex.captureCount
            // Windows of one rule are disjoint and in order, so its matches are too: a match can
            // only repeat the one before it.
            var last: Range<Int>?
            let started = RuleProfile.shared != nil ? RuleProfile.now() : 0
            var windows = windows
            if filter >= 0 {
                windows.removeAll { memchr(buffer.baseAddress! + $0.lowerBound, Int32(filter), $0.count) == nil }
            }
            regex.forEachMatch(in: buffer, ranges: windows) { match in
                // Without a secret group, the first group that matched something, else the whole
                // match (as gitleaks does).
                let chosen: Range<Int>?
                if let group {
                    chosen = match[group]
                } else {
                    chosen = (1...max(1, groups)).lazy.compactMap { match[$0] }.first { !$0.isEmpty } ?? match.range
                }
                guard let secret = chosen, !secret.isEmpty, secret != last else { return }
                last = secret
                candidates.append(Candidate(rule: rule, match: match.range, secret: secret))
            }
            if let profile = RuleProfile.shared {
                profile.add(
                    rule: compiled.rules[rule].id, nanoseconds: RuleProfile.now() - started,
                    windows: windows.count, bytes: windows.reduce(0) { $0 + $1.count })
            }
        }
        for rule in touched {
            defer {
                singleLine[rule].removeAll(keepingCapacity: true)
                multiline[rule].removeAll(keepingCapacity: true)
            }
            if let filter = compiled.pathFilters[rule], !filter.matches(path) { continue }
            guard let regex = regex(for: rule) else { continue }
            run(rule, regex, windows: regex.canMatchNewline ? multiline[rule] : singleLine[rule], filter: windowFilter[rule])
        }
        singleLineWindows = singleLine
        multilineWindows = multiline
        touchedRules = touched
        for rule in compiled.unconditionalRules {
            if let filter = compiled.pathFilters[rule], !filter.matches(path) { continue }
            guard let regex = regex(for: rule) else { continue }
            run(rule, regex, windows: [0..<count], filter: windowFilter[rule])
        }
        return candidates
    }

    /// Adds `window` to `windows` (in hit order), merged with the last one when they touch.
    static func widen(_ windows: inout [Range<Int>], _ window: Range<Int>) {
        if let last = windows.last, window.lowerBound <= last.upperBound {
            windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
        } else {
            windows.append(window)
        }
    }

    /// The rule's secret group, or nil for "the first group that matched, else the whole match".
    func secretGroup(for rule: Int, regex: CompiledRegex) -> Int? {
        if let g = compiled.rules[rule].secretGroup, g <= regex.captureCount { return g }
        return regex.captureCount > 0 ? nil : 0
    }

    mutating func regex(for rule: Int) -> CompiledRegex? {
        if let r = regexes[rule] { return r }
        if regexFailed[rule] { return nil }
        guard let r = compiled.regex(forRule: rule) else {
            regexFailed[rule] = true
            return nil
        }
        regexes[rule] = r
        let keywordBytes = Set(compiled.rules[rule].keywords.flatMap { Array($0.lowercased().utf8) + Array($0.uppercased().utf8) })
        if let byte = r.requiredBytes.first(where: { !keywordBytes.contains($0) }) { windowFilter[rule] = Int16(byte) }
        return r
    }

    /// The start of the line holding `index`, searching back no further than `floor`.
    static func lineStart(_ buffer: UnsafeBufferPointer<UInt8>, before index: Int, notBefore floor: Int) -> Int {
        guard index > floor, let base = buffer.baseAddress else { return index }
        var i = index
        // Eight bytes at a time while none is a newline (a zero byte of `word ^ 0x0a…`): a byte
        // at a time, this walk was 1.6% of a scan (long minified lines).
        let low: UInt64 = 0x0101_0101_0101_0101
        while i - floor >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i - 8).loadUnaligned(as: UInt64.self))
            let x = word ^ (low &* 0x0a)
            if (x &- low) & ~x & (low &* 0x80) != 0 { break }
            i -= 8
        }
        while i > floor && base[i - 1] != 0x0a { i -= 1 }
        return i
    }

    /// The end of the line holding `index` (the offset of its `\n`, or the buffer's end).
    static func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        guard index < buffer.count, let base = buffer.baseAddress,
            let hit = memchr(base + index, 0x0a, buffer.count - index)
        else { return buffer.count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}
