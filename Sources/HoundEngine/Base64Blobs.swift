import HoundRules

/// Base64 blobs and values anywhere in a fragment (not only under a Kubernetes Secret's
/// `data:`), decoded where a cheap prefilter says a secret may be inside: the keyword automaton
/// also looks for the base64 encodings of provider prefixes (`ghp_` is `Z2hwX…` at the start of
/// a value) and of documents that hold secrets (`{"` is `eyJ`, `-----BEGIN` is `LS0tLS1CRUdJTi`).
enum Base64Blobs {
    /// The shortest run worth decoding (12 bytes of decoded text).
    static let minimumRun = 16

    /// Markers for documents that hold secrets: JSON objects and arrays, PEM blocks, and URLs
    /// (`https://`, `http://`: webhook and RPC URLs carry their key in the path).
    static let documentMarkers = ["eyj", "ewo", "ew0k", "w3s", "ls0tls1", "ahr0chm6ly", "ahr0cdovl"]

    /// The markers for `rules`: for every keyword of a provider rule (not generic ones) that
    /// reads like a token prefix, the base64 characters its bytes fix when a value starts with
    /// it: 4 to 6 characters, lowercased for the automaton. A token prefix is a keyword the
    /// rule's regex spells out (in the case it writes it) that is not a plain lowercase word:
    /// `ghp_`, `xoxb-`, `AKIA`, `AIza`, `sk_live_`, not `datadog` or `twilio`, which name a key
    /// rather than start one. (Every keyword, in two cases, made 474 markers and cost ~11 % of a
    /// scan's CPU; these ~150 keep the automaton small.)
    static func markers(for rules: [Rule]) -> [String] {
        var out = Set(documentMarkers)
        for rule in rules where !rule.isGeneric && !rule.regex.isEmpty {
            // Escapes dropped: `SG\.` spells `SG.`.
            let regex = Array(rule.regex.utf8).filter { $0 != UInt8(ascii: "\\") }
            for keyword in rule.keywords where keyword.utf8.count >= 3 {
                let needle = Array(keyword.utf8).map(KeywordAutomaton.fold)
                guard let form = Self.occurrence(of: needle, in: regex),
                    !form.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") })
                else { continue }
                let fixed = min(6, form.count * 8 / 6)
                guard fixed >= 4 else { continue }
                out.insert(String(decoding: Base64.encode(form).prefix(fixed), as: UTF8.self).lowercased())
            }
        }
        return out.sorted()
    }

    /// The lowercased `needle` as `haystack` writes it (ASCII case-insensitive search), or nil.
    static func occurrence(of needle: [UInt8], in haystack: [UInt8]) -> [UInt8]? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var start = 0
        while start <= haystack.count - needle.count {
            if KeywordAutomaton.fold(haystack[start]) == needle[0] {
                var k = 1
                while k < needle.count, KeywordAutomaton.fold(haystack[start + k]) == needle[k] { k += 1 }
                if k == needle.count { return Array(haystack[start..<(start + needle.count)]) }
            }
            start += 1
        }
        return nil
    }

    /// Whether `b` may appear inside a base64 or base64url value (padding excluded).
    ///
    /// Two 64-bit masks (bytes 0-63: digits, `+`, `-`, `/`; bytes 64-127: letters and `_`)
    /// instead of a chain of comparisons: no branch, so a loop over mixed text does not stall on
    /// mispredictions.
    @inline(__always) static func isAlphabet(_ b: UInt8) -> Bool {
        let mask: UInt64 = b < 64 ? 0x03FF_A800_0000_0000 : 0x07FF_FFFE_87FF_FFFE
        return b < 128 && (mask &>> UInt64(b & 63)) & 1 != 0
    }

    /// The run of base64 bytes around a marker that ends at `markerEnd` (`markerLength` bytes
    /// long), and its decoded bytes as a view mapped to the whole run when it is long enough,
    /// decodes, and is text. The run is tried from its start, then from the marker (a path or an
    /// identifier glued to the value shifts the alignment). The run is returned either way, so
    /// the caller skips the other markers inside it.
    static func view(of bytes: UnsafeBufferPointer<UInt8>, markerEnd: Int, markerLength: Int, maxDecoded: Int)
        -> (run: Range<Int>, view: DecodedView?)
    {
        let markerStart = markerEnd - markerLength
        let reach = maxDecoded * 4 / 3 + 4
        var lower = markerStart
        let floor = max(0, markerStart - reach)
        while lower > floor, isAlphabet(bytes[lower - 1]) { lower -= 1 }
        var upper = markerEnd
        while upper < bytes.count, isAlphabet(bytes[upper]) { upper += 1 }
        // A run longer than the largest decoded value is not decoded; the whole run is returned
        // so the markers inside it are skipped (re-reading it from each marker was quadratic on
        // a 50 MB line of base64).
        guard lower > floor || floor == 0, upper - lower <= reach else { return (lower..<upper, nil) }
        var padded = upper
        while padded < bytes.count, padded - upper < 2, bytes[padded] == UInt8(ascii: "=") { padded += 1 }
        for start in lower == markerStart ? [lower] : [lower, markerStart] {
            let run = start..<padded
            guard run.count >= minimumRun else { continue }
            let slice = UnsafeBufferPointer(rebasing: bytes[run])
            guard let decoded = Base64.decode(slice), decoded.count >= 12, isText(decoded) else { continue }
            var view = DecodedView(bytes: decoded, span: run, note: "decoded from base64")
            view.prependContext(bytes, sources: LineContext.sources(bytes, valueStart: run.lowerBound))
            return (lower..<padded, view)
        }
        return (lower..<padded, nil)
    }

    /// The base64 values that start in `window` of `line` (a line holding a rule keyword, the
    /// bytes after it) that decode to text, with no marker needed: a value after `=` or `:`,
    /// or in quotes, of at least ``minimumRun``
    /// characters (padding aside) and at most what decodes to `maxDecoded` bytes, that ends
    /// the value (a blank, a quote, `,` `;` `)` `]` `}` or the line's end follows), decoding to
    /// 12 bytes or more of text. Each view carries its line's context (`SENDBIRD_API_TOKEN_B64=`),
    /// so a rule that needs the key's keyword sees it. Linear in the window (and the value
    /// that starts in it).
    ///
    /// The loop looks for runs of ``minimumRun`` base64 characters by probing every
    /// ``minimumRun``-th byte (a run that long holds one), reading back and forward from a probe
    /// only when it is in the alphabet, and only then at what opens the run: looking at every
    /// byte, or at every `=`, `:` and quote, cost 6 % of a scan's time.
    ///
    /// The windows of one line are read in order: `reached` is where the previous window's
    /// reading stopped (a value it followed past its end, or the run a probe landed in), and
    /// reading resumes there, so a long run under many keywords is read once, not once per
    /// window (start it at 0).
    static func keywordLineValues(
        of bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>, window: Range<Int>, reached: inout Int,
        maxDecoded: Int
    ) -> [DecodedView] {
        let reach = maxDecoded * 4 / 3 + 4
        var views: [DecodedView] = []
        var i = max(reached, window.lowerBound)
        defer { reached = i }
        let end = window.upperBound
        // A run that started before the window is not one of its values. From here on, the byte
        // before `i` is never in the alphabet (or `i` is the line's start).
        if i > line.lowerBound { while i < end, isAlphabet(bytes[i - 1]) { i += 1 } }
        while i < end {
            let probe = i + minimumRun - 1
            guard probe < line.upperBound else { break }
            guard isAlphabet(bytes[probe]) else {
                i = probe + 1
                continue
            }
            var start = probe
            while start > i, isAlphabet(bytes[start - 1]) { start -= 1 }
            var upper = probe + 1
            while upper < line.upperBound, isAlphabet(bytes[upper]) { upper += 1 }
            i = upper + 1
            guard start < end, upper - start >= minimumRun else { continue }
            var padded = upper
            while padded < line.upperBound, padded - upper < 2, bytes[padded] == UInt8(ascii: "=") { padded += 1 }
            guard upper - start <= reach, padded == line.upperBound || endsValue(bytes[padded]),
                opensValue(bytes, before: start, lineStart: line.lowerBound)
            else { continue }
            let run = start..<padded
            guard mayBeText(bytes, start..<upper),
                let decoded = Base64.decode(UnsafeBufferPointer(rebasing: bytes[run])), decoded.count >= 12, isText(decoded)
            else { continue }
            var view = DecodedView(bytes: decoded, span: run, note: "decoded from base64")
            view.prependContext(bytes, sources: LineContext.sources(bytes, valueStart: start))
            views.append(view)
        }
        return views
    }

    /// Whether the bytes before `start` open a value: a quote, or `=` or `:` with blanks (space,
    /// tab) before the value.
    static func opensValue(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int, lineStart: Int) -> Bool {
        guard start > lineStart else { return false }
        if isQuote(bytes[start - 1]) { return true }
        var k = start - 1
        while k > lineStart, bytes[k] == 0x20 || bytes[k] == 0x09 { k -= 1 }
        return bytes[k] == UInt8(ascii: "=") || bytes[k] == UInt8(ascii: ":")
    }

    @inline(__always) static func isQuote(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "`")
    }

    /// Whether `b` may follow a value: a blank, a quote, a separator or a closing bracket.
    @inline(__always) static func endsValue(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0D, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return true
        default:
            return isQuote(b)
        }
    }

    /// False when the first 12 bytes that the base64 characters `run` (padding excluded, at
    /// least 16 characters) decode to already rule out `isText` of the whole decoding: a byte
    /// sequence no UTF-8 text starts with, or more control bytes than 5 % of the whole. Exact
    /// (never false for a run `isText` accepts) and allocation-free: most values on keyword
    /// lines are identifiers or hex, whose decodings fail here within a few bytes.
    static func mayBeText(_ bytes: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> Bool {
        let total = run.count * 6 / 8
        var controls = 0
        var continuations = 0
        var accumulator: UInt32 = 0
        var bits = 0
        for c in bytes[run.lowerBound..<(run.lowerBound + 16)] {
            let v = Base64.sextet(c)
            guard v >= 0 else { return false }
            accumulator = accumulator << 6 | UInt32(v)
            bits += 6
            guard bits >= 8 else { continue }
            bits -= 8
            let b = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
            if continuations > 0 {
                guard b & 0xC0 == 0x80 else { return false }
                continuations -= 1
            } else if b < 0x80 {
                if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F {
                    controls += 1
                    if controls * 20 > total { return false }
                }
            } else {
                switch b {
                case 0xC2...0xDF: continuations = 1
                case 0xE0...0xEF: continuations = 2
                case 0xF0...0xF4: continuations = 3
                default: return false
                }
            }
        }
        return true
    }

    /// Printable ASCII and whitespace, or UTF-8 text: at least 95 % of it.
    static func isText(_ bytes: [UInt8]) -> Bool {
        var printable = 0
        for b in bytes where (b >= 0x20 && b < 0x7F) || b == 0x0A || b == 0x0D || b == 0x09 || b >= 0x80 { printable += 1 }
        return printable * 20 >= bytes.count * 19 && String(validating: bytes, as: UTF8.self) != nil
    }
}
