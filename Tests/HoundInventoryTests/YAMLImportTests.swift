import Foundation
import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

@Suite struct YAMLImportTests {
    func parse(_ yaml: String) throws(YAMLSubsetReader.SyntaxError) -> [DocumentTable] {
        try YAMLSubsetReader.parse(Array(yaml.utf8))
    }

    func failure(_ yaml: String) -> String? {
        do {
            _ = try parse(yaml)
            return nil
        } catch {
            return "\(error.position): \(error.message)"
        }
    }

    func strings(_ table: DocumentTable) -> [String: String] {
        var out: [String: String] = [:]
        for entry in table.entries {
            switch entry.value.content {
            case .string(let text): out[entry.key] = text
            case .array(let items):
                out[entry.key] = items.map { if case .string(let text) = $0.content { text } else { "?" } }.joined(separator: "|")
            case .null: out[entry.key] = "null"
            default: out[entry.key] = "?"
            }
        }
        return out
    }

    static let teamFile = """
        # Keys of the payments team
        keys:
          - name: payment-gateway-prod   # Stripe
            description: "Stripe production key: payments"
            owner: finance-team
            consumers:
              - billing-service
              - 'checkout-service'
            rotation_frequency: 30d
            last_rotated: 2026-10-01
            environment: prod
            provider_id: key_8f2a

          - name: reporting-readonly
            owner: 'data # team'
            consumers: [reports, "dashboards"]
            tags: []
            rule:
        """

    @Test func readsTheSubsetTeamsUse() throws {
        let maps = try parse(Self.teamFile)
        #expect(maps.count == 2)
        #expect(
            strings(maps[0]) == [
                "name": "payment-gateway-prod", "description": "Stripe production key: payments", "owner": "finance-team",
                "consumers": "billing-service|checkout-service", "rotation_frequency": "30d", "last_rotated": "2026-10-01",
                "environment": "prod", "provider_id": "key_8f2a",
            ])
        #expect(strings(maps[1]) == ["name": "reporting-readonly", "owner": "data # team", "consumers": "reports|dashboards", "tags": "", "rule": "null"])
        #expect(maps[1].position == SourcePosition(line: 14, column: 5))
    }

    @Test func readsATopLevelListAndListsAtTheKeyIndent() throws {
        let maps = try parse("---\n- name: a\n  consumers:\n  - x\n  - y\n  owner: o\n-\n  name: b\n")
        #expect(maps.map(strings) == [["name": "a", "consumers": "x|y", "owner": "o"], ["name": "b"]])
    }

    @Test(arguments: [
        ("keys:\n  - name: a\n    description: |\n      two\n      lines\n", "3:18: multi-line scalars (| and >) are not supported; write the value on one line"),
        ("- name: &anchor a\n", "1:9: anchors (&) are not supported"),
        ("- name: *alias\n", "1:9: aliases (*) are not supported"),
        ("- name: !!str a\n", "1:9: tags (!) are not supported"),
        ("- name: a\n  rotation:\n    grace: 24h\n", "3:5: nested maps are not supported (only lists of plain values)"),
        ("- name: a\n  owner: {team: x}\n", "2:10: flow maps ({…}) are not supported"),
        ("- name: a\n\towner: x\n", "2:1: tab in indentation; YAML indents with spaces"),
        ("- name: a\n---\n- name: b\n", "2:1: several YAML documents are not supported"),
        ("- name: \"unterminated\n", "1:9: unterminated quoted value (multi-line values are not supported)"),
        ("- name: a\n  consumers: [x, [y]]\n", "2:18: nested lists and maps are not supported"),
        ("- name: a\n  consumers: [x, y\n", "2:19: unterminated flow list: \"]\" must be on the same line"),
        ("- name: a\n  owner: x\n  owner: y\n", "3:3: duplicate key \"owner\""),
        ("- name: a\n    owner: x\n", "2:5: unexpected indentation (nested maps are not supported)"),
        ("- just a string\n", "1:3: expected \"key: value\""),
        ("keys: 3\n", "1:7: expected a list of keys (\"- name: …\") or a single top-level key such as \"keys:\" followed by one"),
        ("keys:\n  - name: a\nother:\n  - name: b\n", "3:1: unexpected content after the list (only one top-level list is supported)"),
        ("- name: a\n  consumers:\n    - team: x\n", "3:7: nested maps are not supported: list items must be plain values"),
        ("- name: a: b\n", "1:10: \": \" inside a plain value; quote the value"),
    ])
    func rejectsWhatItDoesNotSupport(_ yaml: String, _ expected: String) {
        #expect(failure(yaml) == expected)
    }

    @Test func importsIntoAnInventoryFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let yaml = try directory.write("keys.yaml", Self.teamFile)
        let file = InventoryFile(path: directory.file("inventory.json"))
        let imported = try file.importYAML(from: yaml)
        #expect(imported.map(\.name) == ["payment-gateway-prod", "reporting-readonly"])
        let records = try file.list()
        #expect(records.map(\.name) == ["payment-gateway-prod", "reporting-readonly"])
        #expect(records[0].lastRotated == date("2026-10-01"))
        #expect(records[0].rotationFrequency?.text == "30d")
        #expect(records[0].fingerprint == nil)
        let issues = try file.load().audit(now: date("2026-10-02"))
        #expect(issues.filter { $0.kind == .noFingerprint }.map(\.keyName) == ["payment-gateway-prod", "reporting-readonly"])
        let secret = FakeSecret.bytes(30)
        try file.setFingerprint(name: "payment-gateway-prod", secret: secret)
        #expect(try file.check(secret: secret)?.name == "payment-gateway-prod")
    }

    @Test func importErrorsNameTheYAMLFileAndKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = InventoryFile(path: directory.file("inventory.json"))
        let unknown = try directory.write("a.yaml", "- name: a\n  ownr: x\n")
        #expect(throws: InventoryError(.unknownField, path: unknown, position: SourcePosition(line: 2, column: 3), keyName: "a", message: "unknown field \"ownr\" (did you mean \"owner\"?)")) {
            try file.importYAML(from: unknown)
        }
        let secret = try directory.write("b.yaml", "- name: b\n  password: " + FakeSecret.random(20, seed: 5) + "\n")
        let error = #expect(throws: InventoryError.self) { try file.importYAML(from: secret) }
        #expect(error?.kind == .plaintextSecret)
        #expect(error?.position == SourcePosition(line: 2, column: 3))
        let syntax = try directory.write("c.yaml", "- name: a\n  description: >\n    folded\n")
        #expect(throws: InventoryError(.syntax, path: syntax, position: SourcePosition(line: 2, column: 16), message: "unsupported YAML: multi-line scalars (| and >) are not supported; write the value on one line")) {
            try file.importYAML(from: syntax)
        }
        let duplicate = try directory.write("d.yaml", "- name: a\n- name: a\n")
        #expect(throws: InventoryError(.duplicate, path: duplicate, position: SourcePosition(line: 2, column: 3), keyName: "a", message: "duplicate key name \"a\" (first listed at line 1)")) {
            try file.importYAML(from: duplicate)
        }
        #expect(directory.names() == ["a.yaml", "b.yaml", "c.yaml", "d.yaml"])
    }
}
