import HoundModel
import HoundRules

extension Scanner {
    /// Judges the candidates of `fragment` and what its decoded views hold, applies inline allows
    /// and allowlists, keeps the best finding on each span, and adds path-only findings.
    mutating func finish(_ fragment: Fragment, candidates: [Candidate], views: [DecodedView]) -> FragmentResult {
        let sawKubernetesMarker = pendingDecodes.kubernetesSecret
        nextGroup = 0
        // One line index for judging and for locating: building it reads the whole fragment.
        let candidateLines = candidates.isEmpty ? nil : LineIndex(fragment.bytes)
        let verdicts = judge(
            fragment, candidates: candidates, views: views, sawKubernetesMarker: sawKubernetesMarker, depth: 0,
            lines: candidateLines)
        var result = FragmentResult()
        let lines = verdicts.isEmpty ? LineIndex.empty : (candidateLines ?? LineIndex(fragment.bytes))
        // Every candidate span is redacted from every context, reported or not.
        let spans = SortedSpans(verdicts.map(\.secret))
        var kept: [(Verdict, Finding)] = []
        var dropped: [(Verdict, Finding, String)] = []
        for verdict in verdicts {
            var finding = makeFinding(verdict, in: fragment, lines: lines, spans: spans)
            if let why = verdict.hiddenBy {
                dropped.append((verdict, finding, why))
                continue
            }
            if let why = suppression(verdict, fragment: fragment, lines: lines) {
                result.suppressed.append((finding, why))
                continue
            }
            let rule = compiled.rules[verdict.rule]
            if rule.validator == nil, !rule.isGeneric, rule.confidence == .high, rule.entropy == nil {
                finding.confidence = .high
            }
            kept.append((verdict, finding))
        }
        if compiled.hasComposites { kept = applyComposites(kept, suppressed: &result.suppressed) }
        let reported = resolveOverlaps(kept)
        result.findings = reported.map(\.1)
        result.suppressed += Self.listedDrops(dropped, reported: reported.map(\.0.secret))
        for index in compiled.pathOnlyRules where compiled.pathFilters[index]?.matches(fragment.path) == true {
            result.findings.append(pathFinding(rule: index, fragment: fragment))
        }
        result.findings.sort()
        return result
    }

    /// The candidates the engine rejected, as `--show-suppressed` lists them: one per span (the
    /// final reason, else a provider rule's, else the first), none on a span a finding reports.
    static func listedDrops(_ dropped: [(Verdict, Finding, String)], reported: [Range<Int>]) -> [(finding: Finding, reason: String)] {
        guard !dropped.isEmpty else { return [] }
        let order = dropped.indices.sorted { a, b in
            let (x, y) = (dropped[a].0, dropped[b].0)
            if x.secret.lowerBound != y.secret.lowerBound { return x.secret.lowerBound < y.secret.lowerBound }
            if x.secret.upperBound != y.secret.upperBound { return x.secret.upperBound < y.secret.upperBound }
            if x.isFinal != y.isFinal { return x.isFinal }
            let (gx, gy) = (dropped[a].1.tags.contains("generic"), dropped[b].1.tags.contains("generic"))
            if gx != gy { return !gx }
            return x.rule < y.rule
        }
        let reportedSpans = SortedSpans(reported)
        var out: [(finding: Finding, reason: String)] = []
        var last: Range<Int>?
        for i in order {
            let span = dropped[i].0.secret
            if span == last { continue }
            last = span
            if !reportedSpans.overlapping(span).isEmpty { continue }
            out.append((dropped[i].1, dropped[i].2))
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
        for list in compiled.ruleAllowlists[verdict.rule]
        where list.allows(path: fragment.path, secret: verdict.secretBytes, match: verdict.matchBytes, line: line, commit: commit) {
            return "allowlist of rule \(compiled.rules[verdict.rule].id)" + describe(list)
        }
        for list in compiled.globalAllowlists
        where list.allows(path: fragment.path, secret: verdict.secretBytes, match: verdict.matchBytes, line: line, commit: commit) {
            return "global allowlist" + describe(list)
        }
        return nil
    }

    func describe(_ list: CompiledAllowlist) -> String {
        list.source.description.isEmpty ? "" : " (\(list.source.description))"
    }

    /// The finding for `verdict`, located at its (encoded) span.
    func makeFinding(_ verdict: Verdict, in fragment: Fragment, lines: LineIndex, spans: SortedSpans) -> Finding {
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
        var confidence = rule.confidence
        if rule.validator != nil, confidence < .high, !rule.isGeneric { confidence = .high }
        return Finding(
            ruleID: rule.id, description: rule.description, location: location, secret: verdict.secretBytes,
            fingerprint: Fingerprint.of(verdict.secretBytes, key: compiled.fingerprintKey), confidence: confidence,
            severity: Self.severity(for: confidence),
            context: Context.redactedLine(fragment.bytes, lines: lines, at: verdict.secret, spans: spans), tags: rule.tags,
            notes: verdict.notes, provenanceKind: fragment.provenance.kind)
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
    /// columns the requirement allows (else it is suppressed, with the reason); then findings of
    /// `skipReport` rules are dropped.
    func applyComposites(_ kept: [(Verdict, Finding)], suppressed: inout [(finding: Finding, reason: String)])
        -> [(Verdict, Finding)]
    {
        var out: [(Verdict, Finding)] = []
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
    func resolveOverlaps(_ kept: [(Verdict, Finding)]) -> [(Verdict, Finding)] {
        guard kept.count > 1 else { return kept }
        func better(_ a: (Verdict, Finding), _ b: (Verdict, Finding)) -> Bool {
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
            if a.1.confidence != b.1.confidence { return a.1.confidence > b.1.confidence }
            if a.0.rule != b.0.rule { return a.0.rule < b.0.rule }
            return a.0.secret.lowerBound < b.0.secret.lowerBound
        }
        func resolve(_ run: [(Verdict, Finding)], from start: Int, to end: Int) -> [(Verdict, Finding)] {
            guard run.count > 1 else { return run }
            // Per byte: -2 free, -1 taken, n >= 0 taken by group n.
            var owner = [Int32](repeating: -2, count: end - start)
            var chosen: [(Verdict, Finding)] = []
            for item in run.sorted(by: better) {
                let span = (item.0.secret.lowerBound - start)..<(item.0.secret.upperBound - start)
                let group = item.0.group
                if owner[span].contains(where: { $0 != -2 && ($0 == -1 || $0 != group) }) { continue }
                for i in span { owner[i] = group >= 0 ? group : -1 }
                chosen.append(item)
            }
            return chosen
        }
        let byStart = kept.sorted { $0.0.secret.lowerBound < $1.0.secret.lowerBound }
        var out: [(Verdict, Finding)] = []
        var run: [(Verdict, Finding)] = []
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
