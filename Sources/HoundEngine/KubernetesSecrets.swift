import HoundRedaction

/// Kubernetes `Secret` manifests: the base64 values under `data:` (passwords, keys,
/// `.dockerconfigjson` files) are decoded and scanned, whatever their keys are called.
enum KubernetesSecrets {
    /// What a manifest declaring a Secret holds (ASCII case-folded: the keyword automaton's
    /// prefilter; the exact test is below).
    static let manifestMarker = "kind: secret"

    /// The base64 values under `data:` of the Kubernetes `Secret` manifests in `bytes`, decoded,
    /// each mapped to its encoded value.
    static func views(of bytes: [UInt8], maxSize: Int) -> [DecodedView] {
        // Only manifests that declare a Secret: `kind: Secret` (YAML) at the start of a line.
        let declaresSecret =
            Heuristics.contains(bytes, Array("\nkind: Secret".utf8)) || bytes.starts(with: Array("kind: Secret".utf8))
        guard declaresSecret else { return [] }
        var out: [DecodedView] = []
        var dataIndent: Int?
        for rawLine in bytes.split(separator: 0x0a, omittingEmptySubsequences: false) {
            var line = rawLine
            if line.last == 0x0d { line = line.dropLast() }
            let indent = line.prefix { $0 == 0x20 }.count
            let content = line.dropFirst(indent)
            if content.isEmpty || content.first == UInt8(ascii: "#") { continue }
            if content.starts(with: Array("---".utf8)) {
                dataIndent = nil
                continue
            }
            if let d = dataIndent, indent <= d { dataIndent = nil }
            if content.starts(with: Array("data:".utf8)) && content.count <= 6 {
                dataIndent = indent
                continue
            }
            guard let d = dataIndent, indent > d,
                let colon = content.firstIndex(of: UInt8(ascii: ":"))
            else { continue }
            let key = String(decoding: content[content.startIndex..<colon], as: UTF8.self)
            var value = content[(colon + 1)...].drop { $0 == 0x20 }
            if value.first == UInt8(ascii: "\"") || value.first == UInt8(ascii: "'") {
                value = value.dropFirst()
                if let last = value.last, last == UInt8(ascii: "\"") || last == UInt8(ascii: "'") { value = value.dropLast() }
            }
            // The key is the manifest's (hostile input): shown whole only when it is name-like.
            let shown = Redaction.couldBeSecret(name: key) ? Redaction.excerpt(key) : key
            guard value.count >= 8, value.count <= maxSize * 4 / 3 + 4, let decoded = Base64.decode(value),
                !decoded.isEmpty, isMostlyText(decoded)
            else { continue }
            out.append(
                DecodedView(
                    bytes: decoded, span: value.startIndex..<value.endIndex,
                    note: "decoded from base64 (Kubernetes Secret data.\(shown))"))
        }
        return out
    }

    /// At least 90 % printable ASCII or whitespace, or valid multi-byte UTF-8.
    static func isMostlyText(_ bytes: [UInt8]) -> Bool {
        var printable = 0
        for b in bytes where (b >= 0x20 && b < 0x7f) || b == 0x0a || b == 0x0d || b == 0x09 || b >= 0x80 { printable += 1 }
        return printable * 10 >= bytes.count * 9
    }
}
