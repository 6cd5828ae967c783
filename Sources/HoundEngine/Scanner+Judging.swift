import HoundModel
import HoundRules
import HoundSupport

/// A candidate judged: its rule, where it sits in the fragment being judged (for decoded
/// content, where its encoded bytes sit), its secret, and why it is hidden, if it is.
struct Verdict {
    /// The rule's index.
    var rule: Int
    /// The secret's span.
    var secret: Range<Int>
    /// The whole match's span.
    var match: Range<Int>
    /// The secret (decoded when it came out of a decoder or a percent-encoded URL password).
    var secretBytes: [UInt8]
    /// The whole match when it came out of a decoder (for allowlists that look at it); nil when
    /// it is the fragment's own bytes at `match`, read from there when needed, so a verdict does
    /// not carry a copy (a file of 470,000 key ids made as many).
    var decodedMatch: [UInt8]? = nil
    /// Why it is hidden; nil when it is reported (unless a suppression or a better finding on the
    /// same span hides it later).
    var hiddenBy: String?
    /// Whether a validator or the documented-examples list rejected it: then no other rule may
    /// report its span.
    var isFinal = false
    /// How it was decoded, outermost first, and other remarks for the finding's notes.
    var notes: [String] = []
    /// Whether it came out of a decoder.
    var isDecoded = false
    /// Verdicts of one base64 value all map to the value's whole span: they share a group and do
    /// not compete with each other for it (-1: no group).
    var group: Int32 = -1
}

extension Scanner {
    /// Judges `fragment`'s candidates and, one level deeper, what its decoded views hold.
    /// `lines` is the fragment's line index when the caller has built it (it needs one too).
    mutating func judge(
        _ fragment: Fragment, candidates: [Candidate], views: [DecodedView], sawKubernetesMarker: Bool, depth: Int,
        lines: LineIndex? = nil
    ) -> [Verdict] {
        var verdicts: [Verdict] = []
        verdicts.reserveCapacity(candidates.count)
        // Most fragments hold no candidate: they never pay for a line index.
        let lines = candidates.isEmpty ? LineIndex.empty : (lines ?? LineIndex(fragment.bytes))
        for candidate in candidates {
            verdicts.append(judge(candidate, in: fragment.bytes, lines: lines))
        }
        let allViews = views + kubernetesViews(fragment, sawMarker: sawKubernetesMarker, depth: depth)
        if !allViews.isEmpty {
            // What the fragment's own scan already judged on the same bytes is not judged twice
            // (a JSON line with an escaped quote also holds its unescaped tokens).
            var rawSpans: [Int: SortedSpans] = [:]
            for (rule, group) in Dictionary(grouping: verdicts, by: \.rule) { rawSpans[rule] = SortedSpans(group.map(\.secret)) }
            for view in allViews {
                for inner in decodedVerdicts(inside: view, of: fragment, depth: depth) {
                    let duplicate =
                        rawSpans[inner.rule]?.overlapping(inner.secret).contains {
                            $0.lowerBound <= inner.secret.lowerBound && $0.upperBound >= inner.secret.upperBound
                        } ?? false
                    if !duplicate {
                        verdicts.append(inner)
                    } else if let raw = Self.percentEncodedForm(of: inner, among: verdicts, plainCount: candidates.count) {
                        verdicts[raw].hiddenBy = "percent-encoded form of the secret it holds (found decoded)"
                        verdicts.append(inner)
                    }
                }
            }
        }
        Self.applyFinalRejections(&verdicts)
        if verdicts.count > candidates.count { hidePieces(&verdicts, plainCount: candidates.count) }
        return verdicts
    }

    /// A plain verdict whose secret lies inside the secret an exact decoder found whole (the
    /// first literal of a key joined across lines, the undecoded part of a percent-encoded value)
    /// is a piece of that secret: it is not reported. A generic rule's whole does not hide a
    /// provider rule's piece (overlap resolution then keeps the provider's).
    func hidePieces(_ verdicts: inout [Verdict], plainCount: Int) {
        let wholes = (plainCount..<verdicts.count).filter {
            verdicts[$0].hiddenBy == nil && verdicts[$0].isDecoded && verdicts[$0].group < 0
        }
        guard !wholes.isEmpty else { return }
        let spans = SortedSpans(wholes.map { verdicts[$0].secret })
        for i in 0..<plainCount where verdicts[i].hiddenBy == nil {
            let piece = verdicts[i].secret
            let covering = spans.overlapping(piece).filter {
                $0 != piece && $0.lowerBound <= piece.lowerBound && $0.upperBound >= piece.upperBound
            }
            guard !covering.isEmpty else { continue }
            let pieceYields = compiled.rules[verdicts[i].rule].yieldsToProviderRules
            guard
                let whole = wholes.first(where: { w in
                    covering.contains(verdicts[w].secret)
                        && (pieceYields || !compiled.rules[verdicts[w].rule].yieldsToProviderRules)
                })
            else { continue }
            let how = verdicts[whole].notes.first.map { " (\($0))" } ?? ""
            verdicts[i].hiddenBy = "part of the secret rule \(compiled.rules[verdicts[whole].rule].id) found whole\(how)"
        }
    }

    /// The plain verdict of `decoded`'s rule on its span that is its percent-encoded form, when
    /// `decoded` came out of a percent-encoded URL and the plain secret holds `%25`: the value's
    /// own `%` signs were encoded (a Twitter bearer token's `%2B` written `%252B`), so what the
    /// decoder read is the secret. Nil otherwise (the same bytes found twice).
    static func percentEncodedForm(of decoded: Verdict, among verdicts: [Verdict], plainCount: Int) -> Int? {
        guard decoded.notes.first == "percent-decoded", decoded.hiddenBy == nil else { return nil }
        let encodedPercent: [UInt8] = Array("%25".utf8)
        return (0..<plainCount).first { i in
            verdicts[i].rule == decoded.rule && verdicts[i].secret == decoded.secret && verdicts[i].hiddenBy == nil
                && verdicts[i].secretBytes != decoded.secretBytes
                && verdicts[i].secretBytes.indices.contains { verdicts[i].secretBytes[$0...].starts(with: encodedPercent) }
        }
    }

    /// A span a validator (or the documented-examples list) rejected is reported by no rule: a
    /// GitHub token with a wrong checksum is not a `generic-token` either.
    static func applyFinalRejections(_ verdicts: inout [Verdict]) {
        let finals = verdicts.indices.filter { verdicts[$0].isFinal }
        guard !finals.isEmpty else { return }
        var reasonAt: [Range<Int>: String] = [:]
        for f in finals where reasonAt[verdicts[f].secret] == nil { reasonAt[verdicts[f].secret] = verdicts[f].hiddenBy }
        let spans = SortedSpans(finals.map { verdicts[$0].secret })
        for i in verdicts.indices where verdicts[i].hiddenBy == nil {
            // The reason names the validator and its rule, or the documented example.
            guard let span = spans.overlapping(verdicts[i].secret).first else { continue }
            verdicts[i].hiddenBy = reasonAt[span]
        }
    }

    /// One candidate's verdict: the checks in order of how much their reason tells.
    func judge(_ candidate: Candidate, in bytes: [UInt8], lines: LineIndex) -> Verdict {
        let rule = compiled.rules[candidate.rule]
        var secret = Array(bytes[candidate.secret])
        var notes: [String] = []
        // A URL password is percent-decoded (`p%40ss` is `p@ss`): its fingerprint is the one the
        // inventory holds. A password that decodes to invalid UTF-8 (`ab%dDcd`) was written with a
        // bare `%`, as people write a bare `@`: it is kept as written.
        if rule.tags.contains("url"), secret.contains(UInt8(ascii: "%")), let decoded = Percent.decode(secret),
            String(validating: decoded, as: UTF8.self) != nil
        {
            secret = decoded
            notes.append("percent-decoded")
        }
        var verdict = Verdict(
            rule: candidate.rule, secret: candidate.secret, match: candidate.match, secretBytes: secret, notes: notes)
        let fullLine = lines.lineRange(containing: candidate.secret.lowerBound)
        let lineRange =
            max(fullLine.lowerBound, candidate.secret.lowerBound - Self.lineReach)..<min(
                fullLine.upperBound, candidate.secret.upperBound + Self.lineReach)
        if let (why, final) = rejection(rule: candidate.rule, secret: secret[...], line: bytes[lineRange], secretStart: candidate.secret.lowerBound) {
            verdict.hiddenBy = why
            verdict.isFinal = final
        }
        return verdict
    }

    /// Why a candidate of rule `index` is not a live secret (and whether the reason is final, for
    /// every rule on its span), or nil.
    func rejection(rule index: Int, secret: ArraySlice<UInt8>, line: ArraySlice<UInt8>, secretStart: Int)
        -> (String, Bool)?
    {
        let rule = compiled.rules[index]
        if let example = DocumentedExamples.entry(for: secret) { return (DocumentedExamples.reason(example), true) }
        if let validator = rule.validator, case .failed(let why) = Validation.check(validator, secret: secret) {
            return ("validator \(validator.rawValue) of rule \(rule.id): \(why)", true)
        }
        if let why = Heuristics.placeholderReason(secret) { return (why, false) }
        if let why = Heuristics.encodedPlaceholderReason(secret) { return (why, false) }
        if let minimum = rule.entropy {
            let entropy = Entropy.shannon(Array(secret))
            if entropy < minimum {
                return ("entropy \(Self.format(entropy)) below rule \(rule.id)'s minimum \(Self.format(minimum))", false)
            }
        }
        if !compiled.stopwords[index].isEmpty {
            let lower = secret.map(KeywordAutomaton.fold)
            if let word = compiled.stopwords[index].first(where: { Heuristics.contains(lower, $0) }) {
                return ("stopword \"\(String(decoding: word, as: UTF8.self))\" of rule \(rule.id)", false)
            }
        }
        if rule.isGeneric {
            if let why = Heuristics.unlikelyGenericReason(secret, line: line) { return (why, false) }
            if Heuristics.isInsideDataURI(line: line, secretStart: secretStart) { return ("not a secret: inside a data URI", false) }
        }
        return nil
    }

    /// `value` with two decimals.
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
