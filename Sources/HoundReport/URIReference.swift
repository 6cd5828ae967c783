/// Display paths as RFC 3986 URI references, for SARIF `artifactLocation.uri`.
enum URIReference {
    /// A relative path stays a relative reference (`src/a%20b.swift`); an absolute path becomes a
    /// `file://` URI. Every byte of the UTF-8 path is percent-encoded (uppercase hex) except the
    /// unreserved characters (`A-Z a-z 0-9 - . _ ~`) and `/`, so `:` in a first segment can never
    /// be read as a scheme and `?`, `#`, `%` or spaces cannot change the meaning.
    static func encoding(path: String) -> String {
        let encoded = percentEncoded(path)
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// `text` with every byte outside the unreserved set and `/` percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isKept(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"): true
        default: false
        }
    }
}
