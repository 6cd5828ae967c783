import HoundSupport

/// Small formatting helpers for the text and GitHub formats: counts, sizes, durations, and
/// scrubbing text that came from scanned files before it reaches a terminal.
enum TerminalText {
    /// `1 file`, `2 files`: the count and the noun, plural with an `s` unless the count is 1.
    static func count(_ count: Int, _ noun: String) -> String { Plural.count(count, noun) }

    /// A byte count for people, in decimal units: `512 B`, `1.2 MB`.
    static func size(_ bytes: Int) -> String {
        guard bytes >= 1000 else { return "\(max(bytes, 0)) B" }
        let units = ["kB", "MB", "GB", "TB", "PB"]
        var unit = 1
        for (index, name) in units.enumerated() {
            unit *= 1000
            let tenths = (bytes / unit) * 10 + ((bytes % unit) * 10 + unit / 2) / unit
            if tenths < 10_000 || index == units.count - 1 { return "\(tenths / 10).\(tenths % 10) \(name)" }
        }
        return "\(bytes) B"
    }

    /// Seconds with two decimals: `0.03 s`.
    static func seconds(_ seconds: Double) -> String {
        let hundredths = seconds.isFinite && seconds > 0 ? Int((seconds * 100).rounded()) : 0
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }

    /// `text` with every character that could move the cursor, change colours or reorder what
    /// is shown replaced by a visible escape: C0 and C1 controls and DEL as `\x1b`, bidirectional
    /// overrides and isolates as `\u{202e}`. A tab becomes a space. Paths, context lines and
    /// commit summaries come from scanned repositories, and a terminal must not run them.
    static func scrubbed(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\t" {
                result += " "
            } else if needsEscape(scalar) {
                result +=
                    scalar.value < 0x100 ? "\\x" + hex(scalar.value, width: 2) : "\\u{\(hex(scalar.value, width: 4))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
