/// Writes one JSON document incrementally to a `ReportStream`: containers are opened and closed
/// as the document goes, and each finished subtree (a finding, a SARIF result) is a `JSONValue`
/// written at once, so a document with any number of findings never exists whole in memory.
///
/// The bytes are those of `JSONValue.encoded(_:)` for the same document: the same member order,
/// escaping and layout (a streamed array, like any array holding containers, puts each element on
/// its own line in the pretty layout, and an empty one is `[]`).
struct JSONStreamWriter {
    /// How the containers open so far are laid out.
    private struct Level {
        /// Elements or members written so far.
        var count = 0
    }

    /// The layout of the whole document.
    let layout: JSONValue.Layout
    /// The containers open, outermost first.
    private var levels: [Level] = []

    /// A writer of one document in `layout`.
    init(layout: JSONValue.Layout) { self.layout = layout }

    /// Opens an object (as the document, an element or after `key`).
    mutating func beginObject(_ stream: inout ReportStream) { open(UInt8(ascii: "{"), &stream) }

    /// Opens an array (as the document, an element or after `key`).
    mutating func beginArray(_ stream: inout ReportStream) { open(UInt8(ascii: "["), &stream) }

    /// Closes the innermost container (`}` or `]`).
    mutating func end(_ closing: UInt8, _ stream: inout ReportStream) {
        let level = levels.removeLast()
        if layout == .pretty && level.count > 0 { newline(depth: levels.count, &stream) }
        stream.write(byte: closing)
    }

    /// Closes the innermost object.
    mutating func endObject(_ stream: inout ReportStream) { end(UInt8(ascii: "}"), &stream) }

    /// Closes the innermost array.
    mutating func endArray(_ stream: inout ReportStream) { end(UInt8(ascii: "]"), &stream) }

    /// Starts a member of the innermost object; its value follows (`value`, `beginObject`...).
    mutating func key(_ name: String, _ stream: inout ReportStream) {
        separate(&stream)
        var bytes: [UInt8] = []
        JSONValue.writeString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if layout == .pretty { bytes.append(UInt8(ascii: " ")) }
        stream.write(bytes)
        pendingValue = true
    }

    /// A whole member of the innermost object.
    mutating func member(_ name: String, _ value: JSONValue, _ stream: inout ReportStream) {
        key(name, &stream)
        self.value(value, &stream)
    }

    /// A whole value: after `key`, or an element of the innermost array.
    mutating func value(_ value: JSONValue, _ stream: inout ReportStream) {
        if pendingValue {
            pendingValue = false
        } else {
            separate(&stream)
        }
        var bytes: [UInt8] = []
        value.write(to: &bytes, layout: layout, depth: levels.count)
        stream.write(bytes)
    }

    /// Whether a key was written and its value has not been.
    private var pendingValue = false

    private mutating func open(_ bracket: UInt8, _ stream: inout ReportStream) {
        if pendingValue {
            pendingValue = false
        } else if !levels.isEmpty {
            separate(&stream)
        }
        stream.write(byte: bracket)
        levels.append(Level())
    }

    /// The comma and line break before the next element or member of the innermost container.
    private mutating func separate(_ stream: inout ReportStream) {
        guard !levels.isEmpty else { return }
        if levels[levels.count - 1].count > 0 { stream.write(byte: UInt8(ascii: ",")) }
        levels[levels.count - 1].count += 1
        if layout == .pretty { newline(depth: levels.count, &stream) }
    }

    private func newline(depth: Int, _ stream: inout ReportStream) {
        stream.write(byte: UInt8(ascii: "\n"))
        stream.write(repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
}
