/// The one JSON writer: members in the order given, RFC 8259 escapes (``JSONString``), white
/// space by ``JSONLayout``; byte-stable across platforms and runs.
///
/// Write a whole value with ``write(_:layout:)``, or stream a long document one element at a
/// time: ``beginObject(layout:)`` / ``beginArray(layout:)``, then ``key(_:)`` and values (or
/// ``member(_:_:layout:)``), then ``end()``. Bytes go to `sink` as they are produced, so a
/// sink that writes to a file keeps memory flat however long the document:
///
/// ```swift
/// var writer = JSONWriter(layout: .pretty)          // into a [UInt8]
/// writer.beginObject()
/// writer.member("version", .int(2))
/// writer.key("results")
/// writer.beginArray()
/// for finding in findings { writer.write(finding.json) }
/// writer.end()
/// writer.end()
/// writer.newline()
/// ```
///
/// A container takes its parent's layout unless told otherwise; in ``JSONLayout/pretty`` a
/// value's arrays of scalars stay on one line. Misuse (a value where a key is due, `end` with
/// nothing open) is a programming error and stops the process.
public struct JSONWriter<Sink: JSONByteSink> {
    /// Where the bytes go.
    public var sink: Sink
    /// The layout of top-level values and of containers not told otherwise.
    public let layout: JSONLayout

    /// An open array or object.
    private struct Frame {
        var isObject: Bool
        var layout: JSONLayout
        var count = 0
        var awaitingValue = false
    }

    private var stack: [Frame] = []

    /// A writer appending to `sink`.
    public init(sink: Sink, layout: JSONLayout) {
        self.sink = sink
        self.layout = layout
    }

    /// How many containers are open.
    public var depth: Int { stack.count }

    /// Opens an object (as a value: an array element, a member's value, or the document).
    public mutating func beginObject(layout: JSONLayout? = nil) { begin(isObject: true, layout: layout) }

    /// Opens an array (as a value: an array element, a member's value, or the document).
    public mutating func beginArray(layout: JSONLayout? = nil) { begin(isObject: false, layout: layout) }

    private mutating func begin(isObject: Bool, layout requested: JSONLayout?) {
        let inherited = stack.last?.layout ?? layout
        beforeValue()
        sink.append(UInt8(ascii: isObject ? "{" : "["))
        stack.append(Frame(isObject: isObject, layout: requested ?? inherited))
    }

    /// Closes the innermost open array or object.
    public mutating func end() {
        guard let frame = stack.popLast() else { preconditionFailure("JSONWriter.end() with nothing open") }
        precondition(!frame.awaitingValue, "JSONWriter.end() after a key without its value")
        if frame.layout == .pretty && frame.count > 0 { newline(indent: stack.count) }
        sink.append(UInt8(ascii: frame.isObject ? "}" : "]"))
    }

    /// Writes the key of the next member of the open object.
    public mutating func key(_ name: String) {
        guard var frame = stack.popLast(), frame.isObject, !frame.awaitingValue else {
            preconditionFailure("JSONWriter.key(_:) outside an object, or twice")
        }
        separate(&frame)
        JSONString.append(name, to: &sink)
        sink.append(UInt8(ascii: ":"))
        if frame.layout != .compact { sink.append(UInt8(ascii: " ")) }
        frame.awaitingValue = true
        stack.append(frame)
    }

    /// Writes one member of the open object: its key and `value`.
    public mutating func member(_ name: String, _ value: JSONValue, layout: JSONLayout? = nil) {
        key(name)
        write(value, layout: layout)
    }

    /// Writes `value` whole: an array element, a member's value (after ``key(_:)``), or a
    /// top-level value. `layout` overrides the open container's for this value.
    public mutating func write(_ value: JSONValue, layout requested: JSONLayout? = nil) {
        let layout = requested ?? stack.last?.layout ?? self.layout
        beforeValue()
        emit(value, layout: layout, indent: stack.count)
    }

    /// Writes a line feed: after a top-level value (JSON lines, or a final newline).
    public mutating func newline() {
        precondition(stack.isEmpty, "JSONWriter.newline() inside a container")
        sink.append(UInt8(ascii: "\n"))
    }

    /// Writes the separator a value needs before it in the open container.
    private mutating func beforeValue() {
        guard var frame = stack.popLast() else { return }
        if frame.isObject {
            precondition(frame.awaitingValue, "JSONWriter: a value in an object needs a key first")
            frame.awaitingValue = false
        } else {
            separate(&frame)
        }
        stack.append(frame)
    }

    /// Writes what comes before the next member or element of `frame`, and counts it.
    private mutating func separate(_ frame: inout Frame) {
        if frame.count > 0 { sink.append(UInt8(ascii: ",")) }
        switch frame.layout {
        case .pretty: newline(indent: stack.count + 1)
        case .inline: if frame.count > 0 { sink.append(UInt8(ascii: " ")) }
        case .compact: break
        }
        frame.count += 1
    }

    private mutating func newline(indent: Int) {
        sink.append(UInt8(ascii: "\n"))
        sink.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// Writes `value` in `layout`, its first line already indented to `indent` levels.
    private mutating func emit(_ value: JSONValue, layout: JSONLayout, indent: Int) {
        switch value {
        case .null: sink.append(contentsOf: "null".utf8)
        case .bool(let flag): sink.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): sink.append(contentsOf: String(number).utf8)
        case .double(let number): sink.append(contentsOf: (number.isFinite ? number.description : "null").utf8)
        case .string(let text): JSONString.append(text, to: &sink)
        case .array(let items):
            let itemLayout: JSONLayout = layout == .pretty && items.allSatisfy(\.isScalar) ? .inline : layout
            sink.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                separator(index: index, layout: itemLayout, indent: indent + 1)
                emit(item, layout: itemLayout, indent: indent + 1)
            }
            if itemLayout == .pretty && !items.isEmpty { newline(indent: indent) }
            sink.append(UInt8(ascii: "]"))
        case .object(let members):
            sink.append(UInt8(ascii: "{"))
            for (index, (key, member)) in members.enumerated() {
                separator(index: index, layout: layout, indent: indent + 1)
                JSONString.append(key, to: &sink)
                sink.append(UInt8(ascii: ":"))
                if layout != .compact { sink.append(UInt8(ascii: " ")) }
                emit(member, layout: layout, indent: indent + 1)
            }
            if layout == .pretty && !members.isEmpty { newline(indent: indent) }
            sink.append(UInt8(ascii: "}"))
        }
    }

    private mutating func separator(index: Int, layout: JSONLayout, indent: Int) {
        if index > 0 { sink.append(UInt8(ascii: ",")) }
        switch layout {
        case .pretty: newline(indent: indent)
        case .inline: if index > 0 { sink.append(UInt8(ascii: " ")) }
        case .compact: break
        }
    }
}

extension JSONWriter where Sink == [UInt8] {
    /// A writer into a new byte array (read it back from ``sink``).
    public init(layout: JSONLayout) { self.init(sink: [], layout: layout) }
}

extension JSONValue {
    /// The value as UTF-8 JSON text, without a trailing newline.
    public func encoded(_ layout: JSONLayout) -> [UInt8] {
        var writer = JSONWriter(layout: layout)
        writer.sink.reserveCapacity(256)
        writer.write(self)
        return writer.sink
    }

    /// The value as JSON text, without a trailing newline.
    public func encodedText(_ layout: JSONLayout) -> String { String(decoding: encoded(layout), as: UTF8.self) }
}
