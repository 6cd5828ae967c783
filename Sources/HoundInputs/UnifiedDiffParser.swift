/// A line-at-a-time reader of `git diff -p` / `git log -p` output that keeps, per file, only
/// the added lines and their new-file line numbers.
///
/// Hunk bodies are consumed by count (`@@ -a,b +c,d @@`), so an added line that reads like a
/// header (`+++ x`, `diff --git`) is never mistaken for one. Paths come from `+++ b/…` (or
/// `rename to` / `copy to`), C-unquoted when git quoted them; `/dev/null` means deleted.
/// Expects git's default `a/` and `b/` prefixes (pass `--src-prefix=a/ --dst-prefix=b/`).
struct UnifiedDiffParser {
    private var current: Section?
    private var oldRemaining = 0
    private var newRemaining = 0
    private var nextNewLine = 0

    /// The file section being read.
    private struct Section {
        var headerPath: [UInt8]?
        var newPath: [UInt8]?
        var isDeleted = false
        var isBinary = false
        var added: [UInt8] = []
        var lineNumbers: [Int] = []
    }

    /// Whether the parser is inside a hunk body (lines there are content, never headers).
    var isInsideHunk: Bool { oldRemaining > 0 || newRemaining > 0 }

    /// Feeds one line (without its `\n`); returns the previous file's patch when this line
    /// starts a new file section.
    mutating func consume(_ line: UnsafeBufferPointer<UInt8>) -> FilePatch? {
        if isInsideHunk {
            consumeHunkLine(line)
            return nil
        }
        if line.starts(with: Self.diffGit) {
            let finished = finish()
            current = Section(headerPath: Self.pathFromHeader(line[Self.diffGit.count...]))
            return finished
        }
        guard current != nil else { return nil }
        if line.starts(with: Self.hunkMarker) {
            startHunk(line)
        } else if line.starts(with: Self.newFileMarker) {
            let token = Self.stripTrailingTab(line[Self.newFileMarker.count...])
            if token.elementsEqual(Self.devNull) {
                current?.isDeleted = true
            } else if let path = GitQuoting.unquote(token), path.starts(with: Self.newPrefix) {
                current?.newPath = Array(path.dropFirst(Self.newPrefix.count))
            }
        } else if line.starts(with: Self.renameTo) {
            current?.newPath = GitQuoting.unquote(Array(line[Self.renameTo.count...])[...])
        } else if line.starts(with: Self.copyTo) {
            current?.newPath = GitQuoting.unquote(Array(line[Self.copyTo.count...])[...])
        } else if line.starts(with: Self.deletedFile) {
            current?.isDeleted = true
        } else if line.starts(with: Self.binaryFiles) || line.starts(with: Self.binaryPatch) {
            current?.isBinary = true
        }
        return nil
    }

    /// Ends the current file section and returns its patch (nil for deletions and for files
    /// whose path could not be read).
    mutating func finish() -> FilePatch? {
        defer {
            current = nil
            oldRemaining = 0
            newRemaining = 0
        }
        guard let section = current, !section.isDeleted,
            let path = section.newPath ?? section.headerPath
        else { return nil }
        return FilePatch(
            path: RawPath(path), addedBytes: section.added, lineNumbers: section.lineNumbers,
            isBinary: section.isBinary)
    }

    private mutating func consumeHunkLine(_ line: UnsafeBufferPointer<UInt8>) {
        switch line.first {
        case UInt8(ascii: "+"):
            if !(current?.lineNumbers.isEmpty ?? true) { current?.added.append(0x0A) }
            current?.added.append(contentsOf: line.dropFirst())
            current?.lineNumbers.append(nextNewLine)
            nextNewLine += 1
            newRemaining -= 1
        case UInt8(ascii: "-"):
            oldRemaining -= 1
        case UInt8(ascii: "\\"):
            break  // "\ No newline at end of file"
        default:  // context (" x", or "" with diff.suppressBlankEmpty)
            nextNewLine += 1
            oldRemaining -= 1
            newRemaining -= 1
        }
        oldRemaining = max(0, oldRemaining)
        newRemaining = max(0, newRemaining)
    }

    /// Reads `@@ -a[,b] +c[,d] @@`.
    private mutating func startHunk(_ line: UnsafeBufferPointer<UInt8>) {
        var index = Self.hunkMarker.count
        guard let old = Self.range(in: line, at: &index, sign: UInt8(ascii: "-")),
            index < line.count, line[index] == UInt8(ascii: " ")
        else { return }
        index += 1
        guard let new = Self.range(in: line, at: &index, sign: UInt8(ascii: "+")) else { return }
        oldRemaining = old.count
        newRemaining = new.count
        nextNewLine = new.start
    }

    /// Parses `-a[,b]` or `+c[,d]` at `index`; the count defaults to 1.
    private static func range(in line: UnsafeBufferPointer<UInt8>, at index: inout Int, sign: UInt8)
        -> (start: Int, count: Int)?
    {
        guard index < line.count, line[index] == sign else { return nil }
        index += 1
        guard let start = number(in: line, at: &index) else { return nil }
        var count = 1
        if index < line.count, line[index] == UInt8(ascii: ",") {
            index += 1
            guard let parsed = number(in: line, at: &index) else { return nil }
            count = parsed
        }
        return (start, count)
    }

    private static func number(in line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Int? {
        var value = 0
        let begin = index
        while index < line.count, line[index] >= 0x30, line[index] <= 0x39, index - begin < 18 {
            value = value * 10 + Int(line[index] - 0x30)
            index += 1
        }
        return index > begin ? value : nil
    }

    /// The new path from `diff --git a/X b/Y`: exact when quoted or when both names are equal
    /// (the usual case); nil when ambiguous (the `+++` or `rename to` line decides then).
    static func pathFromHeader(_ rest: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8]? {
        let bytes = Array(rest)
        let quote = UInt8(ascii: "\"")
        if bytes.last == quote {
            // The new name is quoted. An unquoted old name holds no quote, so the new one starts
            // at the first quote; a quoted old name is skipped up to its closing quote.
            var start = 0
            if bytes.first == quote {
                var index = 1
                while index < bytes.count, bytes[index] != quote {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                start = index + 2
            } else if let first = bytes.firstIndex(of: quote) {
                start = first
            }
            guard start < bytes.count, let path = GitQuoting.unquote(bytes[start...]), path.starts(with: newPrefix)
            else { return nil }
            return Array(path.dropFirst(newPrefix.count))
        }
        // "a/X b/X": both halves equal, so the length fixes the split.
        guard bytes.count >= 5, (bytes.count - 5) % 2 == 0 else { return nil }
        let length = (bytes.count - 5) / 2
        let old = bytes[2..<(2 + length)]
        let new = bytes[(length + 5)...]
        guard bytes.starts(with: oldPrefix), bytes[(length + 2)..<(length + 5)].elementsEqual(Array(" b/".utf8)),
            old.elementsEqual(new)
        else { return nil }
        return Array(new)
    }

    /// Git appends a tab to `---`/`+++` names holding a space; a real tab would be quoted.
    private static func stripTrailingTab(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> ArraySlice<UInt8> {
        let bytes = Array(token)[...]
        if bytes.first != UInt8(ascii: "\""), bytes.last == 0x09 { return bytes.dropLast() }
        return bytes
    }

    private static let diffGit = Array("diff --git ".utf8)
    private static let hunkMarker = Array("@@ ".utf8)
    private static let newFileMarker = Array("+++ ".utf8)
    private static let devNull = Array("/dev/null".utf8)
    private static let renameTo = Array("rename to ".utf8)
    private static let copyTo = Array("copy to ".utf8)
    private static let deletedFile = Array("deleted file mode".utf8)
    private static let binaryFiles = Array("Binary files ".utf8)
    private static let binaryPatch = Array("GIT binary patch".utf8)
    private static let oldPrefix = Array("a/".utf8)
    private static let newPrefix = Array("b/".utf8)
}
