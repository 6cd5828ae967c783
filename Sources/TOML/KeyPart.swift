/// One component of a key (`b` in `a.b.c`), with where it was written.
struct KeyPart {
    /// The component, quotes and escapes resolved.
    var name: String
    /// Where the component starts in the document.
    var position: TOMLPosition

    /// The component as TOML would write it: bare when it can be, quoted otherwise.
    var written: String {
        if !name.isEmpty && name.utf8.allSatisfy(\.isBareKeyByte) { return name }
        return TOMLValue.basicString(name)
    }
}

extension [KeyPart] {
    /// The dotted key as TOML would write it, such as `servers."alpha beta".ip`.
    var written: String { map(\.written).joined(separator: ".") }

    /// The dotted key for messages: in double quotes (`"servers.alpha.ip"`) unless it already
    /// holds quoted components (`servers."alpha beta".ip`).
    var quoted: String {
        let text = written
        return text.contains("\"") ? text : "\"\(text)\""
    }
}
