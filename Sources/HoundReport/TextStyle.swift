import HoundModel

/// ANSI styling for the text format, or none at all when colour is off.
struct TextStyle: Sendable {
    /// Whether escape sequences are written.
    var isEnabled: Bool

    /// `text` wrapped in the SGR `codes` (`"1;31"`) and a reset, or `text` alone.
    func paint(_ text: String, _ codes: String) -> String {
        isEnabled ? "\u{1B}[\(codes)m\(text)\u{1B}[0m" : text
    }

    /// Bold: the location of a finding, the summary.
    func strong(_ text: String) -> String { paint(text, "1") }
    /// Dim: secondary detail.
    func faint(_ text: String) -> String { paint(text, "2") }
    /// Cyan: rule ids.
    func rule(_ text: String) -> String { paint(text, "36") }
    /// Yellow: the redacted secret and warnings.
    func secret(_ text: String) -> String { paint(text, "33") }
    /// Green: good news.
    func good(_ text: String) -> String { paint(text, "32") }

    /// The severity's name in its colour: critical bold red, high red, medium yellow, low blue.
    func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: paint(severity.rawValue, "1;31")
        case .high: paint(severity.rawValue, "31")
        case .medium: paint(severity.rawValue, "33")
        case .low: paint(severity.rawValue, "34")
        }
    }
}
