import TOML

/// Finds where a key's value starts in a TOML document, from where the key starts.
///
/// The TOML reader records every key's position; error messages about a value (an invalid
/// regex) point at the value instead: past the key, the `=` and the blanks around it. Columns
/// count Unicode scalars, as `TOMLPosition` does.
struct ValuePositions {
    /// The document's lines, as Unicode scalars, without line endings.
    private let lines: [[Unicode.Scalar]]

    /// Positions in `text`.
    init(_ text: String) {
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if lines[lines.count - 1].last == "\r" { lines[lines.count - 1].removeLast() }
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
        }
        if lines[0].first == "\u{FEFF}" { lines[0].removeFirst() }
        self.lines = lines
    }

    /// Where the value of the key written at `key` starts, or `key` itself when the text there
    /// is not `key = value` on one line.
    func value(afterKeyAt key: TOMLPosition) -> TOMLPosition {
        guard key.line >= 1, key.line <= lines.count else { return key }
        let line = lines[key.line - 1]
        var index = key.column - 1
        guard index >= 0, index < line.count else { return key }
        index = end(ofKeyAt: index, in: line)
        index = skipBlanks(from: index, in: line)
        guard index < line.count, line[index] == "=" else { return key }
        index = skipBlanks(from: index + 1, in: line)
        guard index < line.count else { return key }
        return TOMLPosition(line: key.line, column: index + 1)
    }

    /// The index just past the key part starting at `start` (bare or quoted).
    private func end(ofKeyAt start: Int, in line: [Unicode.Scalar]) -> Int {
        var index = start
        let first = line[index]
        if first == "\"" || first == "'" {
            index += 1
            while index < line.count && line[index] != first {
                index += first == "\"" && line[index] == "\\" ? 2 : 1
            }
            return min(index + 1, line.count)
        }
        while index < line.count, Self.isBareKeyScalar(line[index]) { index += 1 }
        return index
    }

    private func skipBlanks(from start: Int, in line: [Unicode.Scalar]) -> Int {
        var index = start
        while index < line.count && (line[index] == " " || line[index] == "\t") { index += 1 }
        return index
    }

    private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
        default: return false
        }
    }
}
