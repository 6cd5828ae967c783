// libFuzzer target: the scanner with the built-in rules over arbitrary bytes.
//
// The first byte picks the fragment's shape (whole file, or diff fragment with line numbers;
// the path a rule's `path` filter sees); the rest is the content. Findings must point inside
// the fragment, carry the fingerprint of their secret, and never show a secret that occurs once
// in the fragment in their context line. The Kubernetes decoder is reached through seeds.
import HoundEngine
import HoundModel
import HoundRules

private let rules: CompiledRules? = try? CompiledRules(RuleSet.builtin)
nonisolated(unsafe) private var scanner: Scanner? = rules.map { Scanner($0) }

private let paths = ["config.env", "deploy/secret.yaml", ".npmrc", "id_rsa", "src/main.swift", "a b/\u{e9}\n.txt"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScanner(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard var current = scanner, let mode = input.first else { return 0 }
    let bytes = Array(input.dropFirst())
    let lineCount = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
    let path = paths[Int(mode) % paths.count]
    let fragment: Fragment
    if mode & 0x80 != 0 {
        // A diff fragment: added lines with their (sparse) new-file line numbers.
        fragment = Fragment(
            path: path, bytes: bytes, provenance: .staged, lineNumbers: (0..<lineCount).map { 10 + 3 * $0 })
    } else {
        fragment = Fragment(path: path, bytes: bytes, provenance: .file)
    }
    let result = current.scan(fragment)
    scanner = current
    for finding in result.findings + result.suppressed.map(\.finding) {
        let where_ = "\(finding.ruleID) at \(finding.location.line):\(finding.location.column) in \(fuzzLiteral(bytes))"
        fuzzCheck(!finding.secret.isEmpty, "empty secret: \(where_)")
        fuzzCheck(finding.location.line >= 1 && finding.location.column >= 1, "position below 1: \(where_)")
        fuzzCheck(finding.location.endLine >= finding.location.line, "end before start: \(where_)")
        fuzzCheck(
            finding.fingerprint == Fingerprint.of(finding.secret, key: nil) || finding.context == "(file)",
            "fingerprint is not that of the secret: \(where_)")
        if fragment.lineNumbers == nil, finding.context != "(file)" {
            fuzzCheck(finding.location.line <= lineCount, "line beyond the fragment (\(lineCount) lines): \(where_)")
        }
        if finding.secret.count >= 8, occurrences(of: finding.secret, in: bytes) == 1 {
            fuzzCheck(
                occurrences(of: finding.secret, in: Array(finding.context.utf8)) == 0,
                "context shows the secret in clear: \(where_)")
        }
    }
    return 0
}

private func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
    guard !needle.isEmpty, haystack.count >= needle.count else { return 0 }
    var count = 0
    var index = 0
    while index + needle.count <= haystack.count {
        if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { count += 1 }
        index += 1
    }
    return count
}
