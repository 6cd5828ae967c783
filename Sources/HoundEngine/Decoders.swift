import HoundRedaction
import HoundModel

/// Decoders reveal secrets hidden in encodings: base64 values of Kubernetes `Secret` manifests
/// (`data:`), which hold `.dockerconfigjson` files, passwords and keys.
enum Decoders {
    /// A decoded value as its own fragment, and how to map its findings back.
    struct Decoded {
        var fragment: Fragment
        var line: Int
        var column: Int
        var endColumn: Int
        var keyName: String
        var commit: CommitInfo?

        /// Points a finding inside the decoded bytes at the encoded value in the original.
        func relocate(_ finding: inout Finding) {
            finding.location = Location(
                path: finding.location.path, line: line, column: column, endLine: line, endColumn: endColumn,
                commit: commit)
            // The key is the manifest's (hostile input): shown whole only when it is name-like.
            let key = Redaction.couldBeSecret(name: keyName) ? Redaction.excerpt(keyName) : keyName
            finding.notes.append("decoded from base64 (Kubernetes Secret data.\(key))")
            finding.context = "\(key): [base64 value redacted]"
        }
    }

    /// What a manifest declaring a Secret holds (ASCII case-folded: the keyword automaton's
    /// prefilter; the exact test is below).
    static let manifestMarker = "kind: secret"

    /// The base64 values under `data:` of Kubernetes `Secret` manifests in `fragment`, decoded.
    static func decodedFragments(of fragment: Fragment, maxSize: Int) -> [Decoded] {
        let bytes = fragment.bytes
        // Only manifests that declare a Secret: `kind: Secret` (YAML) at the start of a line.
        let declaresSecret =
            Heuristics.contains(bytes, Array("\nkind: Secret".utf8)) || bytes.starts(with: Array("kind: Secret".utf8))
        guard declaresSecret else { return [] }
        var commit: CommitInfo?
        if case .commit(let info) = fragment.provenance { commit = info }
        if case .blob(_, let commits) = fragment.provenance { commit = commits.first }
        var out: [Decoded] = []
        var dataIndent: Int?
        var lineNumber = 0
        for rawLine in bytes.split(separator: 0x0a, omittingEmptySubsequences: false) {
            lineNumber += 1
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
            guard value.count >= 8, value.count <= maxSize * 4 / 3 + 4, let decoded = Base64.decode(value),
                !decoded.isEmpty, isMostlyText(decoded)
            else { continue }
            let column = value.startIndex - rawLine.startIndex + 1
            out.append(
                Decoded(
                    fragment: Fragment(path: fragment.path, bytes: decoded, provenance: fragment.provenance),
                    line: fragment.fileLine(lineNumber), column: column, endColumn: column + value.count, keyName: key,
                    commit: commit))
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
