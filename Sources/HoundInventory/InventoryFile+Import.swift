import HoundRedaction
extension InventoryFile {
    /// Adds the keys listed in a YAML file (see `YAMLSubsetReader` for the subset), all or nothing.
    ///
    /// Field names are those of the inventory (`name`, `description`, `owner`, `consumers`,
    /// `rotation_frequency`, `last_rotated`, `environment`, `provider_id`, `fingerprint`,
    /// `expires`, `status`, `on_leak`, `tags`, `rule`) and are checked the same way: unknown
    /// fields get a suggestion, secret-looking fields are refused. A record without a
    /// `fingerprint` is imported as is: it cannot match findings until one is set with
    /// `setFingerprint(name:secret:)`, and `audit` reports it as `no-fingerprint`.
    ///
    /// - Returns: The records added, in file order.
    @discardableResult
    public func importYAML(from yamlPath: String) throws(InventoryError) -> [KeyRecord] {
        let bytes = try InventoryFileIO.read(yamlPath, kind: .yamlImport)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw InventoryError(.syntax, path: yamlPath, message: "the file is not valid UTF-8")
        }
        let maps: [DocumentTable]
        do {
            maps = try YAMLSubsetReader.parse(bytes)
        } catch {
            throw InventoryError(.syntax, path: yamlPath, position: error.position, message: "unsupported YAML: \(error.message)")
        }
        let decoder = KeyRecordDecoder(path: yamlPath)
        var records: [KeyRecord] = []
        var seen: [String: SourcePosition?] = [:]
        for map in maps {
            let record = try decoder.decodeRecord(map)
            if let first = seen[record.name] {
                let where_ = first.map { " (first listed at line \($0.line))" } ?? ""
                throw InventoryError(
                    .duplicate, path: yamlPath, position: map.position, keyName: record.name,
                    message: "duplicate key name \(Redaction.name(record.name))\(where_)")
            }
            seen[record.name] = map.position
            records.append(record)
        }
        try add(records)
        return records
    }
}
