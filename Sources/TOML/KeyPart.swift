import HoundRedaction

/// One component of a key (`b` in `a.b.c`), with where it was written.
struct KeyPart {
    /// The component, quotes and escapes resolved.
    var name: String
    /// Where the component starts in the document.
    var position: TOMLPosition

    /// The component as TOML would write it: bare when it can be, quoted otherwise.
    var written: String { Self.written(name) }

    /// `name` as TOML would write it as a key: bare when it can be, quoted otherwise.
    static func written(_ name: String) -> String {
        if !name.isEmpty && name.utf8.allSatisfy(\.isBareKeyByte) { return name }
        return TOMLValue.basicString(name)
    }
}

extension [KeyPart] {
    /// The dotted key as TOML would write it, such as `servers."alpha beta".ip`.
    var written: String { map(\.written).joined(separator: ".") }

    /// The dotted key for messages: in double quotes (`"servers.alpha.ip"`) unless it already
    /// holds quoted components (`servers."alpha beta".ip`); a key that could be a secret is
    /// shown as a redacted excerpt (`"ghp_…" (40 characters)`, see `Redaction`).
    var quoted: String {
        let text = written
        if Redaction.couldBeSecret(name: text) { return Redaction.excerpt(text) }
        return text.contains("\"") ? text : "\"\(text)\""
    }

    /// The dotted key for messages without quotes (`servers.alpha.ip`, in `[…]` headers), or
    /// its redacted excerpt when it could be a secret.
    var shown: String {
        let text = written
        return Redaction.couldBeSecret(name: text) ? Redaction.excerpt(text) : text
    }
}
