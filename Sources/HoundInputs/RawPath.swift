#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file path as the file system and git spell it: raw bytes, which need not be UTF-8.
///
/// Paths are kept as bytes end to end so that a name with a newline, a quote or a Latin-1 byte
/// is opened exactly; ``display`` is the form for reports.
public struct RawPath: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The path's bytes, without a terminating NUL.
    public var bytes: [UInt8]

    /// A path from its bytes.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A path from text.
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    /// Whether the path has no bytes.
    public var isEmpty: Bool { bytes.isEmpty }

    /// `self` + `/` + `component` (just `component` when `self` is empty).
    public func appending(_ component: some Collection<UInt8>) -> RawPath {
        if bytes.isEmpty { return RawPath(Array(component)) }
        var joined = bytes
        joined.append(0x2F)
        joined.append(contentsOf: component)
        return RawPath(joined)
    }

    /// The last component (after the final `/`).
    public var lastComponent: ArraySlice<UInt8> {
        guard let slash = bytes.lastIndex(of: 0x2F) else { return bytes[...] }
        return bytes[(slash + 1)...]
    }

    /// The path for people: UTF-8 as is, each invalid byte and each control character escaped
    /// (`\xE9`, `\n`, `\t`), so a report line stays one line.
    public var display: String { PathDisplay.escape(bytes) }

    public var description: String { display }

    /// Byte order, which is git's order.
    /// Byte order (`memcmp`, then the shorter first): what git and `sort` with `LC_ALL=C` do.
    public static func < (lhs: RawPath, rhs: RawPath) -> Bool {
        let common = min(lhs.bytes.count, rhs.bytes.count)
        let order = lhs.bytes.withUnsafeBufferPointer { l in
            rhs.bytes.withUnsafeBufferPointer { r in common == 0 ? 0 : memcmp(l.baseAddress!, r.baseAddress!, common) }
        }
        return order != 0 ? order < 0 : lhs.bytes.count < rhs.bytes.count
    }
}

/// Escaping of raw path bytes for display.
public enum PathDisplay {
    /// `bytes` as text with invalid UTF-8 bytes as `\xNN` and control characters as `\n`,
    /// `\t`, `\r` or `\xNN`; a backslash stays a single backslash.
    public static func escape(_ bytes: some Collection<UInt8>) -> String {
        if !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }),
            let text = String(validating: bytes, as: UTF8.self)
        {
            return text
        }
        var output = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var pending = Array(bytes)[...]
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                pending = pending.dropFirst(encoded.count)
                output += escaped(scalar)
            case .error(let length):
                for byte in pending.prefix(length) { output += hex(byte) }
                pending = pending.dropFirst(length)
            case .emptyInput:
                return output
            }
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0A: "\\n"
        case 0x09: "\\t"
        case 0x0D: "\\r"
        case 0..<0x20, 0x7F: hex(UInt8(scalar.value))
        default: String(scalar)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }
}
