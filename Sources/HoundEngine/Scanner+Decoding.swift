import HoundModel

/// What a fragment's keyword pass found for the decoders: marker hits and the lines holding
/// rule keywords (where escaped JSON and joined literals are looked for).
struct DecodeRequests {
    /// A `kind: secret` marker was seen.
    var kubernetesSecret = false
    /// Ends and lengths of base64 marker hits, in order.
    var base64Hits: [(end: Int, length: Int)] = []
    /// Ends of percent marker hits, in order.
    var percentHits: [Int] = []
    /// Lines (without their `\n`) holding a rule keyword, in order, each once.
    var hitLines: [Range<Int>] = []
    /// Where base64 values may start: after a keyword, within ``LineContext/reach`` bytes of its
    /// start on its line (a value's view carries that many bytes before the value, so a value
    /// further away, or before the keyword, would not show the keyword to a rule anyway), merged
    /// while they overlap, in order, each with its line. (Reading every keyword line whole cost
    /// 9 % of a scan's instructions on the benchmark corpus.)
    var valueWindows: [(line: Range<Int>, window: Range<Int>)] = []

    /// Records a rule keyword at `keyword` on `line`.
    mutating func noteKeyword(_ keyword: Range<Int>, line: Range<Int>) {
        let upper = min(line.upperBound, keyword.lowerBound + LineContext.reach)
        guard keyword.upperBound < upper else { return }
        let window = keyword.upperBound..<upper
        if let last = valueWindows.last, last.line == line, window.lowerBound <= last.window.upperBound {
            let merged = min(last.window.lowerBound, window.lowerBound)..<max(last.window.upperBound, window.upperBound)
            valueWindows[valueWindows.count - 1].window = merged
        } else {
            valueWindows.append((line, window))
        }
    }

    /// Records a marker hit.
    mutating func note(_ marker: Prefilter.Marker, end: Int, length: Int) {
        switch marker {
        case .kubernetesSecret: kubernetesSecret = true
        case .base64: base64Hits.append((end, length))
        case .percent: percentHits.append(end)
        }
    }
}

extension Scanner {
    /// Bytes around a percent marker that its window may reach on each side.
    static let percentReach = 2048
    /// Bytes of a keyword's line, from the line start, read for escaped JSON.
    static let escapeReach = 64 * 1024

    /// The views the last keyword pass asks for (Kubernetes Secrets aside: they need the
    /// fragment's array), within the decoding budget. Cheap tests come first: most requests
    /// turn out to be nothing (a marker inside an identifier, a line without `\"`).
    mutating func decodedViews(_ buffer: UnsafeBufferPointer<UInt8>, depth: Int) -> [DecodedView] {
        guard depth < Self.maxDecodeDepth, decodeBudget > 0 else { return [] }
        let requests = pendingDecodes
        var views: [DecodedView] = []
        func keep(_ view: DecodedView?) {
            guard let view, decodeBudget >= view.bytes.count else { return }
            decodeBudget -= view.bytes.count
            views.append(view)
        }
        // Base64 values near keywords, marker or not (`SENDBIRD_API_TOKEN_B64=MDE1…`).
        var valueRuns: [Range<Int>] = []
        var reached = 0
        for (line, window) in requests.valueWindows {
            for view in Base64Blobs.keywordLineValues(
                of: buffer, line: line, window: window, reached: &reached, maxDecoded: Self.maxDecodedSize)
            {
                valueRuns.append(view.span)
                keep(view)
            }
        }
        // Base64 markers: one decode per run, however many markers it holds, none in a value
        // decoded above.
        var covered = 0
        var nextValue = 0
        for hit in requests.base64Hits where hit.end > covered {
            while nextValue < valueRuns.count, valueRuns[nextValue].upperBound < hit.end { nextValue += 1 }
            if nextValue < valueRuns.count, valueRuns[nextValue].contains(hit.end - 1) {
                covered = valueRuns[nextValue].upperBound
                continue
            }
            let (run, view) = Base64Blobs.view(
                of: buffer, markerEnd: hit.end, markerLength: hit.length, maxDecoded: Self.maxDecodedSize)
            covered = max(run.upperBound, hit.end)
            keep(view)
        }
        // Percent-encoding: one window per run of URL-ish bytes.
        covered = 0
        for end in requests.percentHits where end > covered {
            let window = Percent.window(in: buffer, around: end - 1, reach: Self.percentReach)
            covered = window.upperBound
            keep(Percent.view(of: buffer, range: window))
        }
        // Escaped JSON and joined literals, on lines that hold a keyword.
        var joinedUpTo = 0
        for line in requests.hitLines {
            let head = line.lowerBound..<min(line.upperBound, line.lowerBound + Self.escapeReach)
            if StringEscapes.hasEscapedQuote(buffer, in: head) {
                keep(StringEscapes.view(of: buffer, range: head))
            }
            if line.lowerBound >= joinedUpTo, line.count <= LiteralConcatenation.maxBytes,
                LiteralConcatenation.mayContinue(buffer, line: line),
                let view = LiteralConcatenation.view(of: buffer, line: line)
            {
                joinedUpTo = view.span.upperBound
                keep(view)
            }
        }
        return views
    }

    /// The Kubernetes Secret views of `fragment`, when its keyword pass saw the marker.
    mutating func kubernetesViews(_ fragment: Fragment, sawMarker: Bool, depth: Int) -> [DecodedView] {
        guard sawMarker, depth < Self.maxDecodeDepth, decodeBudget > 0 else { return [] }
        var out: [DecodedView] = []
        for view in KubernetesSecrets.views(of: fragment.bytes, maxSize: Self.maxDecodedSize)
        where decodeBudget >= view.bytes.count {
            decodeBudget -= view.bytes.count
            out.append(view)
        }
        return out
    }

    /// The verdicts on what `view` holds, scanned one level deeper, mapped to the enclosing
    /// fragment: spans point at the encoded bytes, notes say how they were decoded.
    mutating func decodedVerdicts(inside view: DecodedView, of fragment: Fragment, depth: Int) -> [Verdict] {
        let inner = Fragment(path: fragment.path, bytes: view.bytes, provenance: fragment.provenance)
        let (candidates, views) = inner.bytes.withUnsafeBufferPointer { buffer in
            (collectCandidates(buffer, path: inner.path), decodedViews(buffer, depth: depth + 1))
        }
        let sawMarker = pendingDecodes.kubernetesSecret
        var found = judge(inner, candidates: candidates, views: views, sawKubernetesMarker: sawMarker, depth: depth + 1)
        // What lies in the line's context alone, the enclosing scan judged already.
        if view.contextCount > 0 { found.removeAll { !view.reachesDecoded($0.secret) } }
        if !view.isExact { found = bestOnOverlaps(found, count: inner.bytes.count) }
        var group: Int32 = -1
        if !view.isExact {
            group = nextGroup
            nextGroup += 1
        }
        for i in found.indices {
            if found[i].decodedMatch == nil { found[i].decodedMatch = Array(view.bytes[found[i].match]) }
            found[i].secret = view.outerRange(found[i].secret)
            found[i].match = view.outerRange(found[i].match)
            found[i].notes.insert(view.note, at: 0)
            found[i].isDecoded = true
            if group >= 0 { found[i].group = group }
        }
        return found
    }

    /// Of the verdicts in one base64 value (all mapped to its whole span, where they do not
    /// compete), a generic rule's whose decoded secret overlaps a provider rule's, or a better
    /// generic one's (longer secret, longer match, rule order), is dropped on the decoded bytes:
    /// `SENDBIRD_API_TOKEN=…` is a Sendbird token, not also a generic one. Provider rules keep
    /// not competing there (a registry `auth` value and the token inside it are both reported).
    /// Hidden verdicts are kept, for `--show-suppressed`.
    func bestOnOverlaps(_ verdicts: [Verdict], count: Int) -> [Verdict] {
        let reported = verdicts.indices.filter { verdicts[$0].hiddenBy == nil }
        guard reported.count > 1 else { return verdicts }
        let order = reported.sorted { a, b in
            let (x, y) = (verdicts[a], verdicts[b])
            let (gx, gy) = (compiled.rules[x.rule].yieldsToProviderRules, compiled.rules[y.rule].yieldsToProviderRules)
            if gx != gy { return !gx }
            if x.secret.count != y.secret.count { return x.secret.count > y.secret.count }
            if x.match.count != y.match.count { return x.match.count > y.match.count }
            return x.rule < y.rule
        }
        var taken = [Bool](repeating: false, count: count)
        var losers = Set<Int>()
        for i in order {
            let span = verdicts[i].secret.clamped(to: 0..<count)
            if compiled.rules[verdicts[i].rule].yieldsToProviderRules, taken[span].contains(true) {
                losers.insert(i)
                continue
            }
            for b in span { taken[b] = true }
        }
        return verdicts.indices.filter { !losers.contains($0) }.map { verdicts[$0] }
    }
}
