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
    /// The rule set's keyword automaton, fetched on the first fragment.
    private var automaton: KeywordAutomaton?
    /// Whether the last fragment's keyword pass saw `Decoders.manifestMarker`.
    private var sawManifestMarker = false
    /// Bytes of context kept on each side of a keyword hit for single-line rules.
    static let hitMargin = 16 * 1024
    /// Bytes after the hit's line that multi-line rules may reach.
    static let multilineReach = 64 * 1024
    /// Bytes of a finding's line, on each side of the secret, that heuristics and suppressions
    /// read: a 50 MB line holding thousands of candidates was otherwise read once per candidate.
    static let lineReach = 4096
    /// How deep decoders may nest (base64 inside base64).
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
        scan(fragment, depth: 0)
    }

    /// Scans bytes that are only borrowed (a file reader's buffer): they are copied into a
    /// fragment only when something was found, which most files never need.
    public mutating func scan(path: String, bytes: UnsafeBufferPointer<UInt8>, provenance: Provenance)
        -> FragmentResult
    {
        let candidates = collectCandidates(bytes, path: path)
        if candidates.isEmpty && !sawManifestMarker && !hasPathFinding(path) { return FragmentResult() }
        let fragment = Fragment(path: path, bytes: Array(bytes), provenance: provenance)
        return finish(fragment, candidates: candidates, depth: 0)
    }

    mutating func scan(_ fragment: Fragment, depth: Int) -> FragmentResult {
        let candidates = fragment.bytes.withUnsafeBufferPointer { buffer in
            collectCandidates(buffer, path: fragment.path)
        }
        return finish(fragment, candidates: candidates, depth: depth)
    }

    /// Whether a path-only rule reports `path` itself.
    private func hasPathFinding(_ path: String) -> Bool {
        compiled.pathOnlyRules.contains { compiled.pathFilters[$0]?.matches(path) == true }
    }

    /// Filters, positions and suppresses the candidates of `fragment`, adds path-only findings
    /// and what decoded content (Kubernetes Secrets) holds.
    private mutating func finish(_ fragment: Fragment, candidates: [Candidate], depth: Int) -> FragmentResult {
        var result = FragmentResult()
        // Most fragments hold no candidate: they never pay for a line index.
        let lines = candidates.isEmpty ? LineIndex.empty : LineIndex(fragment.bytes)
        var kept: [(Candidate, Finding)] = []
        // Every candidate span is redacted from every context, reported or not.
        let spans = SortedSpans(candidates.map(\.secret))
        for candidate in candidates {
            let rule = compiled.rules[candidate.rule]
            let secret = Array(fragment.bytes[candidate.secret])
            let fullLine = lines.lineRange(containing: candidate.secret.lowerBound)
            let lineRange =
                max(fullLine.lowerBound, candidate.secret.lowerBound - Self.lineReach)..<min(
                    fullLine.upperBound, candidate.secret.upperBound + Self.lineReach)
            let lineBytes = fragment.bytes[lineRange]
            if let reason = rejection(rule: candidate.rule, secret: secret, line: lineBytes, secretStart: candidate.secret.lowerBound) {
                if case .suppress(let why) = reason {
                    let finding = makeFinding(candidate, in: fragment, lines: lines, spans: spans)
                    result.suppressed.append((finding, why))
                }
                continue
            }
            var finding = makeFinding(candidate, in: fragment, lines: lines, spans: spans)
            let previousLine =
                fullLine.lowerBound > 0 ? fragment.bytes[lines.lineRange(containing: fullLine.lowerBound - 1)] : []
            if let why = suppression(
                candidate, finding: finding, fragment: fragment, line: Array(lineBytes),
                previousLine: previousLine.suffix(Self.lineReach))
            {
                result.suppressed.append((finding, why))
                continue
            }
            if rule.validator == nil, !rule.isGeneric, rule.confidence == .high, rule.entropy == nil {
                finding.confidence = .high
            }
            kept.append((candidate, finding))
        }
        if compiled.hasComposites { kept = applyComposites(kept, suppressed: &result.suppressed) }
        result.findings = resolveOverlaps(kept)
        for index in compiled.pathOnlyRules where compiled.pathFilters[index]?.matches(fragment.path) == true {
            result.findings.append(pathFinding(rule: index, fragment: fragment))
        }
        if depth < Self.maxDecodeDepth && sawManifestMarker {
            for decoded in Decoders.decodedFragments(of: fragment, maxSize: Self.maxDecodedSize) {
                var inner = scan(decoded.fragment, depth: depth + 1)
                for i in inner.findings.indices { decoded.relocate(&inner.findings[i]) }
                for i in inner.suppressed.indices { decoded.relocate(&inner.suppressed[i].finding) }
                result.findings += inner.findings
                result.suppressed += inner.suppressed
            }
        }
        result.findings.sort()
        return result
    }

    // MARK: Candidates

    mutating func collectCandidates(_ buffer: UnsafeBufferPointer<UInt8>, path: String) -> [Candidate] {
        let count = buffer.count
        sawManifestMarker = false
        guard count > 0 else { return [] }
        // Keyword hits, each with the bounds of its line. Hits arrive in order, so the line of the
        // previous hit is reused: finding lines costs O(bytes) in total, even for a 50 MB line
        // with a million hits. Each hit widens its rules' windows at once (for single-line and
        // for multi-line regexes: which one a rule has is known only once it is compiled), so
        // memory follows the windows, not the hits: keeping every hit took 500 MB on a 50 MB
        // line with a keyword every few bytes.
        if automaton == nil { automaton = compiled.automaton }
        guard let automaton else { return [] }
        let keywords = automaton.keywords
        let rulesForKeyword = compiled.rulesForKeyword
        let manifestKeyword = compiled.manifestKeyword
        var sawMarker = false
        defer { sawManifestMarker = sawMarker }
        var line = 0..<0
        var lineKnown = false
        var touched = touchedRules
        var singleLine = singleLineWindows
        var multiline = multilineWindows
        touched.removeAll(keepingCapacity: true)
        singleLineWindows = []
        multilineWindows = []
        automaton.scan(buffer) { keyword, end in
            if keyword == manifestKeyword {
                sawMarker = true
                return
            }
            let start = end - keywords[keyword].count
            if !lineKnown || start >= line.upperBound + 1 || start < line.lowerBound {
                let floor = lineKnown && start > line.upperBound ? line.upperBound + 1 : 0
                let lower = Self.lineStart(buffer, before: start, notBefore: floor)
                line = lower..<Self.lineEnd(buffer, from: start)
                lineKnown = true
            }
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

    // MARK: Filters

    enum Rejection {
        /// Not a secret at all: dropped silently.
        case drop
        /// Looks like a secret but is hidden; reported with `--show-suppressed`.
        case suppress(String)
    }

    func rejection(rule index: Int, secret: [UInt8], line: ArraySlice<UInt8>, secretStart: Int) -> Rejection? {
        let rule = compiled.rules[index]
        if let minimum = rule.entropy, Entropy.shannon(secret) < minimum { return .drop }
        let slice = secret[...]
        if Heuristics.isPlaceholder(slice) { return .drop }
        if DocumentedExamples.contains(slice) { return .drop }
        if !compiled.stopwords[index].isEmpty {
            let lower = secret.map(KeywordAutomaton.fold)
            if compiled.stopwords[index].contains(where: { Heuristics.contains(lower, $0) }) { return .drop }
        }
        if rule.isGeneric {
            if Heuristics.isUnlikelyGenericSecret(slice, line: line) { return .drop }
            if Heuristics.isInsideDataURI(line: line, secretStart: secretStart) { return .drop }
        }
        if let validator = rule.validator, case .failed(let why) = Validation.check(validator, secret: slice) {
            return .suppress("validator \(validator.rawValue): \(why)")
        }
        return nil
    }

    func suppression(
        _ candidate: Candidate, finding: Finding, fragment: Fragment, line: [UInt8], previousLine: ArraySlice<UInt8> = []
    ) -> String? {
        if let marker = InlineMarkers.marker(on: line[...], previousLine: previousLine) { return "inline \(marker)" }
        let secret = Array(fragment.bytes[candidate.secret])
        let match = Array(fragment.bytes[candidate.match])
        var commit: String?
        if case .commit(let info) = fragment.provenance { commit = info.id }
        if case .blob(_, let commits) = fragment.provenance { commit = commits.first?.id }
        for list in compiled.ruleAllowlists[candidate.rule]
        where list.allows(path: fragment.path, secret: secret, match: match, line: line, commit: commit) {
            return "allowlist of rule \(compiled.rules[candidate.rule].id)" + describe(list)
        }
        for list in compiled.globalAllowlists
        where list.allows(path: fragment.path, secret: secret, match: match, line: line, commit: commit) {
            return "global allowlist" + describe(list)
        }
        return nil
    }

    func describe(_ list: CompiledAllowlist) -> String {
        list.source.description.isEmpty ? "" : " (\(list.source.description))"
    }

    // MARK: Findings

    func makeFinding(_ candidate: Candidate, in fragment: Fragment, lines: LineIndex, spans: SortedSpans) -> Finding {
        let rule = compiled.rules[candidate.rule]
        let secret = Array(fragment.bytes[candidate.secret])
        let (line, column) = lines.position(of: candidate.secret.lowerBound)
        let (endLine, endColumn) = lines.position(of: candidate.secret.upperBound)
        var commit: CommitInfo?
        switch fragment.provenance {
        case .commit(let info): commit = info
        case .blob(_, let commits): commit = commits.first
        default: break
        }
        var location = Location(
            path: fragment.path, line: fragment.fileLine(line), column: column, endLine: fragment.fileLine(endLine),
            endColumn: endColumn, commit: commit)
        location.characterColumns = (
            Self.codePointColumn(fragment.bytes, offset: candidate.secret.lowerBound, byteColumn: column),
            Self.codePointColumn(fragment.bytes, offset: candidate.secret.upperBound, byteColumn: endColumn)
        )
        var confidence = rule.confidence
        if rule.validator != nil, confidence < .high, !rule.isGeneric { confidence = .high }
        return Finding(
            ruleID: rule.id, description: rule.description, location: location, secret: secret,
            fingerprint: Fingerprint.of(secret, key: compiled.fingerprintKey), confidence: confidence,
            severity: Self.severity(for: confidence), context: Context.redactedLine(fragment.bytes, lines: lines, at: candidate.secret, spans: spans),
            tags: rule.tags, provenanceKind: fragment.provenance.kind)
    }

    /// The 1-based column of `offset` in code points, from its byte column (the line starts
    /// `byteColumn - 1` bytes before it): UTF-8 continuation bytes are not counted. Past 64 KB
    /// into a line the byte column is kept (the count would cost too much on huge lines).
    static func codePointColumn(_ bytes: [UInt8], offset: Int, byteColumn: Int) -> Int {
        guard byteColumn > 1, byteColumn <= 65536 else { return byteColumn }
        var column = 1
        for byte in bytes[(offset - byteColumn + 1)..<offset] where byte & 0xC0 != 0x80 { column += 1 }
        return column
    }

    static func severity(for confidence: Confidence) -> Severity {
        switch confidence {
        case .high: .high
        case .medium: .medium
        case .low: .low
        }
    }

    func pathFinding(rule index: Int, fragment: Fragment) -> Finding {
        let rule = compiled.rules[index]
        let secret = Array(fragment.path.utf8)
        return Finding(
            ruleID: rule.id, description: rule.description,
            location: Location(path: fragment.path, line: 1, column: 1, endLine: 1, endColumn: 1), secret: secret,
            fingerprint: Fingerprint.of(secret, key: compiled.fingerprintKey), confidence: rule.confidence,
            severity: Self.severity(for: rule.confidence), context: "(file)", tags: rule.tags,
            provenanceKind: fragment.provenance.kind)
    }

    /// Composite rules (gitleaks' `[[rules.required]]`): a finding whose rule requires others is
    /// kept only when each required rule found something in the fragment within the lines and
    /// columns the requirement allows (else it is suppressed, with the reason); then findings of
    /// `skipReport` rules are dropped.
    func applyComposites(_ kept: [(Candidate, Finding)], suppressed: inout [(finding: Finding, reason: String)])
        -> [(Candidate, Finding)]
    {
        var out: [(Candidate, Finding)] = []
        for item in kept {
            let rule = compiled.rules[item.0.rule]
            let missing = rule.required.first { requirement in
                !kept.contains { other in
                    let at = other.1.location
                    let here = item.1.location
                    return other.0.match != item.0.match && compiled.rules[other.0.rule].answers(to: requirement.id)
                        && (requirement.withinLines.map { abs(at.line - here.line) <= $0 } ?? true)
                        && (requirement.withinColumns.map { abs(at.column - here.column) <= $0 } ?? true)
                }
            }
            if let missing {
                if !rule.skipReport {
                    suppressed.append((item.1, "composite rule: required rule \(missing.id) did not match nearby"))
                }
                continue
            }
            if !rule.skipReport { out.append(item) }
        }
        return out
    }

    /// Drops findings whose secret overlaps a better one: provider rules beat generic ones, then
    /// longer secrets, then longer matches (more context), then higher confidence, then rule order.
    ///
    /// Secrets can only overlap within a run of chained overlapping spans, so each run is resolved
    /// on its own, over a map of the bytes already taken: linear in the findings, where comparing
    /// every pair took minutes on a file of 20,000 tokens.
    func resolveOverlaps(_ kept: [(Candidate, Finding)]) -> [Finding] {
        guard kept.count > 1 else { return kept.map(\.1) }
        func better(_ a: (Candidate, Finding), _ b: (Candidate, Finding)) -> Bool {
            let ga = compiled.rules[a.0.rule].yieldsToProviderRules
            let gb = compiled.rules[b.0.rule].yieldsToProviderRules
            if ga != gb { return !ga }
            if a.0.secret.count != b.0.secret.count { return a.0.secret.count > b.0.secret.count }
            // Same secret: the rule that needed more context (CLERK_SECRET_KEY=sk_live_…) is the
            // more specific one.
            if a.0.match.count != b.0.match.count { return a.0.match.count > b.0.match.count }
            if a.1.confidence != b.1.confidence { return a.1.confidence > b.1.confidence }
            return a.0.rule < b.0.rule
        }
        func resolve(_ run: [(Candidate, Finding)], from start: Int, to end: Int) -> [Finding] {
            guard run.count > 1 else { return run.map(\.1) }
            var taken = [Bool](repeating: false, count: end - start)
            var chosen: [Finding] = []
            for item in run.sorted(by: better) {
                let span = (item.0.secret.lowerBound - start)..<(item.0.secret.upperBound - start)
                if taken[span].contains(true) { continue }
                for i in span { taken[i] = true }
                chosen.append(item.1)
            }
            return chosen
        }
        let byStart = kept.sorted { $0.0.secret.lowerBound < $1.0.secret.lowerBound }
        var out: [Finding] = []
        var run: [(Candidate, Finding)] = []
        var runStart = 0
        var runEnd = 0
        for item in byStart {
            let secret = item.0.secret
            if !run.isEmpty && secret.lowerBound >= runEnd {
                out += resolve(run, from: runStart, to: runEnd)
                run.removeAll(keepingCapacity: true)
            }
            if run.isEmpty {
                runStart = secret.lowerBound
                runEnd = secret.upperBound
            }
            run.append(item)
            runEnd = max(runEnd, secret.upperBound)
        }
        out += resolve(run, from: runStart, to: runEnd)
        return out
    }
}
