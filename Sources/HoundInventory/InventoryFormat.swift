/// The syntax of an inventory file.
public enum InventoryFormat: String, Sendable, CaseIterable {
    /// `[[keys]]` tables (the default, and the only format edited textually).
    case toml
    /// `{"keys": [...]}`.
    case json

    /// The format of the file at `path`: by extension, else by content (a leading `{` is JSON).
    public static func detect(path: String, bytes: [UInt8]) -> InventoryFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".toml") { return .toml }
        let first = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        return first == UInt8(ascii: "{") ? .json : .toml
    }
}
