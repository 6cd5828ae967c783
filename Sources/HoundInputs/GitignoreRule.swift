#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One pattern line of a `.gitignore` file, parsed as git does.
///
/// `#` starts a comment; trailing spaces are dropped unless escaped; `!` re-includes; a
/// trailing `/` matches directories only; a `/` at the start or in the middle anchors the
/// pattern to the `.gitignore`'s folder, otherwise it matches a name at any depth.
struct GitignoreRule: Sendable, Hashable {
    /// The glob, without `!`, the leading `/` and the trailing `/`.
    let pattern: [UInt8]
    /// `!pattern`: a match re-includes.
    let isNegated: Bool
    /// `pattern/`: only directories match.
    let isDirectoryOnly: Bool
    /// The pattern holds a `/`: matched against the whole path relative to the `.gitignore`'s
    /// folder, not just the name.
    let isAnchored: Bool
    /// The pattern has no glob characters: plain comparison.
    private let isLiteral: Bool
    /// An unanchored `*` followed by no other glob character (`*.log`, the commonest line): a
    /// suffix comparison of the name (which holds no `/`), without the glob matcher.
    private let isStarSuffix: Bool

    /// Parses one line (without its newline); nil for blank lines and comments.
    init?(line: some Collection<UInt8>) {
        var bytes = Array(line)
        if bytes.last == 0x0D { bytes.removeLast() }  // CRLF files
        // Trailing spaces go, unless escaped with a backslash.
        while bytes.last == 0x20 {
            let count = bytes.count
            if count >= 2, bytes[count - 2] == UInt8(ascii: "\\") {
                bytes.remove(at: count - 2)
                break
            }
            bytes.removeLast()
        }
        guard let first = bytes.first, first != UInt8(ascii: "#") else { return nil }
        var negated = false
        if first == UInt8(ascii: "!") {
            negated = true
            bytes.removeFirst()
        }
        var directoryOnly = false
        if bytes.last == UInt8(ascii: "/") {
            directoryOnly = true
            bytes.removeLast()
        }
        guard !bytes.isEmpty else { return nil }
        let anchored = bytes.contains(UInt8(ascii: "/"))
        if bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
        guard !bytes.isEmpty else { return nil }
        self.pattern = bytes
        self.isNegated = negated
        self.isDirectoryOnly = directoryOnly
        self.isAnchored = anchored
        let isGlob = { (b: UInt8) in b == 0x2A || b == 0x3F || b == 0x5B || b == 0x5C }
        self.isLiteral = !bytes.contains(where: isGlob)
        self.isStarSuffix = !anchored && bytes.first == 0x2A && !bytes.dropFirst().contains(where: isGlob)
    }

    /// Whether the rule matches `path` (relative to the `.gitignore`'s folder), whose last
    /// component is `name`.
    func matches(_ path: ArraySlice<UInt8>, name: ArraySlice<UInt8>, isDirectory: Bool) -> Bool {
        if isDirectoryOnly && !isDirectory { return false }
        let subject = isAnchored ? path : name
        if isLiteral { return Self.equal(subject, pattern[...]) }
        if isStarSuffix {
            let suffix = pattern.count - 1
            return subject.count >= suffix && Self.equal(subject.suffix(suffix), pattern.dropFirst())
        }
        return Wildmatch.matches(pattern, subject)
    }

    /// Byte equality with `memcmp` (`elementsEqual` went through the generic iterator: every
    /// file of a walk is checked against every rule in force).
    private static func equal(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }
}

/// The rules of one `.gitignore` file and the folder they apply to.
struct GitignoreFile: Sendable {
    /// The folder holding the file, relative to the walk's root (empty for the root).
    let base: [UInt8]
    /// The rules in file order (the last match wins).
    let rules: [GitignoreRule]

    /// Parses the file's contents.
    init(base: [UInt8], contents: some Collection<UInt8>) {
        self.base = base
        self.rules = contents.split(separator: 0x0A, omittingEmptySubsequences: true).compactMap {
            GitignoreRule(line: $0)
        }
    }

    /// true: ignored; false: re-included by a `!` rule; nil: no rule here speaks of `path`.
    /// `path` is relative to the walk's root and must lie under ``base``.
    func verdict(for path: [UInt8], name: ArraySlice<UInt8>, isDirectory: Bool) -> Bool? {
        let relative = base.isEmpty ? path[...] : path[(base.count + 1)...]
        // Indices, not `reversed()`: iterating copies rules out, a retain and release each.
        var index = rules.endIndex
        while index > rules.startIndex {
            index -= 1
            if rules[index].matches(relative, name: name, isDirectory: isDirectory) { return !rules[index].isNegated }
        }
        return nil
    }
}

/// The `.gitignore` files in force in a folder: its own and its ancestors', deepest first.
struct GitignoreStack: Sendable {
    private(set) var files: [GitignoreFile] = []

    /// The stack plus `file` (deeper than all others).
    func pushing(_ file: GitignoreFile) -> GitignoreStack {
        var copy = self
        copy.files.append(file)
        return copy
    }

    /// Whether `path` (relative to the walk's root) is ignored: the deepest file with a
    /// matching rule decides, and within a file the last matching rule.
    func isIgnored(_ path: [UInt8], isDirectory: Bool) -> Bool {
        guard !files.isEmpty else { return false }
        let name = path.lastIndex(of: 0x2F).map { path[($0 + 1)...] } ?? path[...]
        for file in files.reversed() {
            if let verdict = file.verdict(for: path, name: name, isDirectory: isDirectory) { return verdict }
        }
        return false
    }
}
