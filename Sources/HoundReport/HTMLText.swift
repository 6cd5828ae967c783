/// Escaping for the HTML report.
enum HTMLText {
    /// `text` safe inside an element or a quoted attribute (`&`, `<`, `>`, `"`, `'` escaped;
    /// control characters shown as `\u{…}` escapes, never raw).
    static func escaped(_ text: String) -> String {
        // Most text needs nothing: C0 controls, & < > " ' DEL, and 0xC2 (the lead byte of C1 controls).
        let special: (UInt8) -> Bool = { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0x7F || $0 == 0xC2 }
        if !text.utf8.contains(where: special) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A path percent-encoded for a URL (unreserved characters and `/` kept).
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 15)])
            }
        }
        return out
    }
}

/// Links to a commit and a file on a known forge (GitHub, GitLab, Bitbucket), from a
/// repository's clone URL; nil elsewhere (the report then shows plain text).
struct ForgeLinks: Equatable {
    /// `https://host/owner/name`.
    var base: String
    /// Which forge, for its URL layout.
    var host: String

    /// The forge a clone URL (`https://github.com/o/r.git`, `git@github.com:o/r.git`,
    /// `ssh://git@gitlab.com/g/r`) points to.
    init?(remote: String) {
        var rest: Substring
        if let scheme = remote.firstRange(of: "://") {
            rest = remote[scheme.upperBound...]
            if let at = rest.prefix(while: { $0 != "/" }).lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        } else if let at = remote.firstIndex(of: "@"), let colon = remote.firstIndex(of: ":"), at < colon {
            rest = Substring(remote[remote.index(after: at)...].replacing(":", with: "/", maxReplacements: 1))
        } else {
            return nil
        }
        var parts = rest.split(separator: "/").map(String.init)
        guard parts.count >= 3 else { return nil }
        let host = parts.removeFirst().split(separator: ":").first.map(String.init) ?? ""
        guard ["github.com", "gitlab.com", "bitbucket.org"].contains(host) else { return nil }
        if var last = parts.popLast() {
            if last.hasSuffix(".git") { last.removeLast(4) }
            parts.append(last)
        }
        guard parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." }) else { return nil }
        self.host = host
        base = "https://\(host)/" + parts.map(HTMLText.percentEncoded).joined(separator: "/")
    }

    /// The page of commit `id`.
    func commit(_ id: String) -> String {
        switch host {
        case "gitlab.com": "\(base)/-/commit/\(id)"
        case "bitbucket.org": "\(base)/commits/\(id)"
        default: "\(base)/commit/\(id)"
        }
    }

    /// The page of `path` at commit `id`, at `line`.
    func file(_ path: String, commit id: String, line: Int) -> String {
        let encoded = HTMLText.percentEncoded(path)
        switch host {
        case "gitlab.com": return "\(base)/-/blob/\(id)/\(encoded)#L\(line)"
        case "bitbucket.org": return "\(base)/src/\(id)/\(encoded)#lines-\(line)"
        default: return "\(base)/blob/\(id)/\(encoded)#L\(line)"
        }
    }
}
