import HoundModel
import HoundRules

extension Scanner {
    /// Judges the candidates of `fragment` and what its decoded views hold, applies inline allows
    /// and allowlists, keeps the best finding on each span, and adds path-only findings.
    ///
    /// Verdicts are handled by index, and a finding is made only for a verdict that is reported
    /// or listed: a fragment can hold hundreds of thousands of candidates, and each copy of
    /// them all cost hundreds of megabytes. Findings on one line with the same context share its
    /// storage (``ContextShare``).
    /// The candidates are consumed: they are freed once judged, before the findings are made.
    mutating func finish(_ fragment: Fragment, candidates: consuming [Candidate], views: consuming [DecodedView])
        -> FragmentResult
    {
        let sawKubernetesMarker = pendingDecodes.kubernetesSecret
        nextGroup = 0
        // One line index for judging and for locating: building it reads the whole fragment.
        let candidateLines = candidates.isEmpty ? nil : LineIndex(fragment.bytes)
        let verdicts = judge(
            fragment, candidates: candidates, views: views, sawKubernetesMarker: sawKubernetesMarker, depth: 0,
            lines: candidateLines)
        _ = consume candidates
        _ = consume views
        var result = FragmentResult()
        let lines = verdicts.isEmpty ? LineIndex.empty : (candidateLines ?? LineIndex(fragment.bytes))
        // Every candidate span is redacted from every context, reported or not.
        let spans = SortedSpans(verdicts.map(\.secret))
        var contexts = ContextShare()
        func finding(_ index: Int) -> Finding {
            makeFinding(verdicts[index], in: fragment, lines: lines, spans: spans, contexts: &contexts)
        }
        var kept: [Int] = []
        var dropped: [(verdict: Int, reason: String)] = []
        for (index, verdict) in verdicts.enumerated() {
            if let why = verdict.hiddenBy {
                dropped.append((index, why))
                continue
            }
            if let why = suppression(verdict, fragment: fragment, lines: lines) {
                result.suppressed.append((finding(index), why))
                continue
            }
            kept.append(index)
        }
        if compiled.hasComposites {
            kept = applyComposites(kept, verdicts: verdicts, fragment: fragment, lines: lines) { index, why in
                result.suppressed.append((finding(index), why))
            }
        }
        let reported = resolveOverlaps(kept, verdicts: verdicts)
        result.findings.reserveCapacity(reported.count)
        for index in reported { result.findings.append(finding(index)) }
        for (index, why) in listedDrops(dropped, verdicts: verdicts, reported: reported.map { verdicts[$0].secret }) {
            result.suppressed.append((finding(index), why))
        }
        for index in compiled.pathOnlyRules where compiled.pathFilters[index]?.matches(fragment.path) == true {
            result.findings.append(pathFinding(rule: index, fragment: fragment))
        }
        result.findings.sortCompactly()
        return result
    }

    /// The candidates the engine rejected, as `--show-suppressed` lists them: one per span (the
    /// final reason, else a provider rule's, else the first), none on a span a finding reports.
    /// Verdicts are named by their index in `verdicts`.
    func listedDrops(_ dropped: [(verdict: Int, reason: String)], verdicts: [Verdict], reported: [Range<Int>])
        -> [(verdict: Int, reason: String)]
    {
        guard !dropped.isEmpty else { return [] }
        let order = dropped.indices.sorted { a, b in
            let (x, y) = (verdicts[dropped[a].verdict], verdicts[dropped[b].verdict])
            if x.secret.lowerBound != y.secret.lowerBound { return x.secret.lowerBound < y.secret.lowerBound }
            if x.secret.upperBound != y.secret.upperBound { return x.secret.upperBound < y.secret.upperBound }
            if x.isFinal != y.isFinal { return x.isFinal }
            let (gx, gy) = (compiled.rules[x.rule].tags.contains("generic"), compiled.rules[y.rule].tags.contains("generic"))
            if gx != gy { return !gx }
            return x.rule < y.rule
        }
        let reportedSpans = SortedSpans(reported)
        var out: [(verdict: Int, reason: String)] = []
        var last: Range<Int>?
        for i in order {
            let span = verdicts[dropped[i].verdict].secret
            if span == last { continue }
            last = span
            if !reportedSpans.overlapping(span).isEmpty { continue }
            out.append(dropped[i])
        }
        return out
    }

    /// Why an inline allow or an allowlist hides a verdict, or nil. Decoded secrets are judged by
    /// their decoded bytes, on the line of their encoded bytes.
    func suppression(_ verdict: Verdict, fragment: Fragment, lines: LineIndex) -> String? {
        let fullLine = lines.lineRange(containing: verdict.secret.lowerBound)
        let lineRange =
            max(fullLine.lowerBound, verdict.secret.lowerBound - Self.lineReach)..<min(
                fullLine.upperBound, max(verdict.secret.lowerBound, verdict.secret.upperBound) + Self.lineReach)
        let line = Array(fragment.bytes[lineRange])
        let previousLine =
            fullLine.lowerBound > 0
            ? fragment.bytes[lines.lineRange(containing: fullLine.lowerBound - 1)].suffix(Self.lineReach) : []
        if let marker = InlineMarkers.marker(on: line[...], previousLine: ArraySlice(previousLine)) { return "inline \(marker)" }
        var commit: String?
        if case .commit(let info) = fragment.provenance { commit = info.id }
        if case .blob(_, let commits) = fragment.provenance { commit = commits.first?.id }
        let match = verdict.decodedMatch ?? Array(fragment.bytes[verdict.match])
        for list in compiled.ruleAllowlists[verdict.rule]
        where list.allows(path: fragment.path, secret: verdict.secretBytes, match: match, line: line, commit: commit) {
            return "allowlist of rule \(compiled.rules[verdict.rule].id)" + describe(list)
        }
        for list in compiled.globalAllowlists
        where list.allows(path: fragment.path, secret: verdict.secretBytes, match: match, line: line, commit: commit) {
            return "global allowlist" + describe(list)
        }
        return nil
    }

    func describe(_ list: CompiledAllowlist) -> String {
        list.source.description.isEmpty ? "" : " (\(list.source.description))"
    }

    /// The finding for `verdict`, located at its (encoded) span.
    func makeFinding(
        _ verdict: Verdict, in fragment: Fragment, lines: LineIndex, spans: SortedSpans, contexts: inout ContextShare
    ) -> Finding {
        let rule = compiled.rules[verdict.rule]
        let (line, column) = lines.position(of: verdict.secret.lowerBound)
        let (endLine, endColumn) = lines.position(of: verdict.secret.upperBound)
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
            Self.codePointColumn(fragment.bytes, offset: verdict.secret.lowerBound, byteColumn: column),
            Self.codePointColumn(fragment.bytes, offset: verdict.secret.upperBound, byteColumn: endColumn)
        )
        let confidence = confidence(verdict)
        return Finding(
            ruleID: rule.id, description: rule.description, location: location, secret: verdict.secretBytes,
            fingerprint: Fingerprint.of(verdict.secretBytes, key: compiled.fingerprintKey), confidence: confidence,
            severity: Self.severity(for: confidence),
            context: contexts.shared(Context.redactedLine(fragment.bytes, lines: lines, at: verdict.secret, spans: spans)),
            tags: rule.tags,
            notes: verdict.notes, provenanceKind: fragment.provenance.kind)
    }

    /// The confidence of a verdict's finding: the rule's, raised to high for a provider rule whose
    /// validator passed.
    func confidence(_ verdict: Verdict) -> Confidence {
        let rule = compiled.rules[verdict.rule]
        return rule.validator != nil && rule.confidence < .high && !rule.isGeneric ? .high : rule.confidence
    }

    /// The 1-based column of `offset` in code points, from its byte column (the line starts
    /// `byteColumn - 1` bytes before it): UTF-8 continuation bytes are not counted. Past 64 KB
    /// into a line the byte column is kept (the count would cost too much on huge lines).
    static func codePointColumn(_ bytes: [UInt8], offset: Int, byteColumn: Int) -> Int {
        guard byteColumn > 1, byteColumn <= 65536, offset - byteColumn + 1 >= 0, offset <= bytes.count else {
            return byteColumn
        }
        let start = offset - byteColumn + 1
        return 1 + (offset - start) - bytes.withUnsafeBufferPointer { continuationBytes($0, start..<offset) }
    }

    /// How many UTF-8 continuation bytes (`10xxxxxx`) `range` of `buffer` holds, eight bytes at a
    /// time (a finding far into a minified line counted up to 64 KB a byte at a time).
    static func continuationBytes(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let high: UInt64 = 0x8080_8080_8080_8080
        var count = 0
        var i = range.lowerBound
        while range.upperBound - i >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // Bit 7 set and bit 6 clear: shifting left by one moves each byte's bit 6 to its bit 7.
            count += (word & ~(word << 1) & high).nonzeroBitCount
            i += 8
        }
        while i < range.upperBound {
            if base[i] & 0xC0 == 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// Composite rules (gitleaks' `[[rules.required]]`): a finding whose rule requires others is
    /// kept only when each required rule found something in the fragment within the lines and
    /// columns the requirement allows (else it is suppressed, with the reason, through
    /// `suppress`); then findings of `skipReport` rules are dropped. Verdicts are named by their
    /// index in `verdicts`.
    func applyComposites(
        _ kept: [Int], verdicts: [Verdict], fragment: Fragment, lines: LineIndex, suppress: (Int, String) -> Void
    ) -> [Int] {
        // Where each kept verdict's secret starts, as its finding's location says.
        let places = kept.map { index -> (line: Int, column: Int) in
            let (line, column) = lines.position(of: verdicts[index].secret.lowerBound)
            return (fragment.fileLine(line), column)
        }
        var out: [Int] = []
        for (position, index) in kept.enumerated() {
            let verdict = verdicts[index]
            let rule = compiled.rules[verdict.rule]
            let here = places[position]
            let missing = rule.required.first { requirement in
                !kept.indices.contains { otherPosition in
                    let other = verdicts[kept[otherPosition]]
                    let at = places[otherPosition]
                    return other.match != verdict.match && compiled.rules[other.rule].answers(to: requirement.id)
                        && (requirement.withinLines.map { abs(at.line - here.line) <= $0 } ?? true)
                        && (requirement.withinColumns.map { abs(at.column - here.column) <= $0 } ?? true)
                }
            }
            if let missing {
                if !rule.skipReport { suppress(index, "composite rule: required rule \(missing.id) did not match nearby") }
                continue
            }
            if !rule.skipReport { out.append(index) }
        }
        return out
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

    /// Drops findings whose secret overlaps a better one: provider rules beat generic ones, then
    /// what a decoder revealed beats a generic rule's encoded literal (but not a provider rule
    /// written for the encoded form), then longer secrets, then longer
    /// matches (more context), then higher confidence, then rule order. Findings decoded from one
    /// base64 value share its span and do not compete with each other.
    ///
    /// Secrets can only overlap within a run of chained overlapping spans, so each run is resolved
    /// on its own, over a map of the bytes already taken: linear in the findings, where comparing
    /// every pair took minutes on a file of 20,000 tokens.
    func resolveOverlaps(_ kept: [Int], verdicts: [Verdict]) -> [Int] {
        guard kept.count > 1 else { return kept }
        // Indices into `verdicts`, never copies: a file of 470,000 key ids has as many.
        func better(_ x: Int, _ y: Int) -> Bool {
            let (a, b) = ((verdicts[x], confidence(verdicts[x])), (verdicts[y], confidence(verdicts[y])))
            let ga = compiled.rules[a.0.rule].yieldsToProviderRules
            let gb = compiled.rules[b.0.rule].yieldsToProviderRules
            if ga != gb { return !ga }
            // A decoder's find explains a generic rule's encoded literal; a provider rule written
            // for the encoded form (private-key-base64-pem, docker-config-json-base64) keeps it.
            if a.0.isDecoded != b.0.isDecoded { return ga ? a.0.isDecoded : b.0.isDecoded }
            if a.0.secret.count != b.0.secret.count { return a.0.secret.count > b.0.secret.count }
            // Same secret: the rule that needed more context (CLERK_SECRET_KEY=sk_live_…) is the
            // more specific one.
            if a.0.match.count != b.0.match.count { return a.0.match.count > b.0.match.count }
            if a.1 != b.1 { return a.1 > b.1 }
            if a.0.rule != b.0.rule { return a.0.rule < b.0.rule }
            return a.0.secret.lowerBound < b.0.secret.lowerBound
        }
        func resolve(_ run: [Int], from start: Int, to end: Int) -> [Int] {
            guard run.count > 1 else { return run }
            // Per byte: -2 free, -1 taken, n >= 0 taken by group n.
            var owner = [Int32](repeating: -2, count: end - start)
            var chosen: [Int] = []
            for item in run.sorted(by: better) {
                let verdict = verdicts[item]
                let span = (verdict.secret.lowerBound - start)..<(verdict.secret.upperBound - start)
                let group = verdict.group
                if owner[span].contains(where: { $0 != -2 && ($0 == -1 || $0 != group) }) { continue }
                for i in span { owner[i] = group >= 0 ? group : -1 }
                chosen.append(item)
            }
            return chosen
        }
        let byStart = kept.sorted { verdicts[$0].secret.lowerBound < verdicts[$1].secret.lowerBound }
        var out: [Int] = []
        var run: [Int] = []
        var runStart = 0
        var runEnd = 0
        for item in byStart {
            let secret = verdicts[item].secret
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
