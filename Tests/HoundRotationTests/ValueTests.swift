import Foundation
import HoundInventory
import HoundModel
import HoundSupport
import Testing

@testable import HoundRotation

@Suite("Placeholders, create output, defaults, backoff, state files")
struct ValueTests {
    @Test func placeholdersExpandInsideArgumentsAndBracesEscape() throws {
        let values = ["name": "api", "date": "2026-03-01", "new_provider_id": "key 2"]
        #expect(
            try Placeholders.expand(["x", "--label={name}-{date}", "{new_provider_id}", "{{literal}}"], values: values)
                == ["x", "--label=api-2026-03-01", "key 2", "{literal}"])
        #expect(throws: PlaceholderError(argument: "{outcome}", problem: .unavailable("outcome"))) {
            try Placeholders.expand(["{outcome}"], values: values)
        }
    }

    @Test(
        arguments: [
            ("sk_live_abc123\n", "sk_live_abc123", nil),
            ("  {\"secret\": \"s3cr3t-value\", \"id\": \"key_9\", \"created\": 1}\n", "s3cr3t-value", "key_9"),
            ("{\"secret\": \"AKIA-and-more\", \"id\": 12345}", "AKIA-and-more", "12345"),
            (
                "{\"secret\": \"-----BEGIN KEY-----\\nabc\\n-----END KEY-----\", \"id\": null}",
                "-----BEGIN KEY-----\nabc\n-----END KEY-----", nil
            ),
        ] as [(String, String, String?)])
    func createOutputIsParsed(_ stdout: String, _ secret: String, _ id: String?) throws {
        let output = try CreateOutput(parsing: Array(stdout.utf8))
        #expect(output.secret.bytes == Array(secret.utf8))
        #expect(output.id == id)
        #expect(output.secret.description == "[REDACTED \(secret.utf8.count) bytes]")
    }

    @Test(arguments: [
        ("", CreateOutputError.empty),
        ("\n  \n", .empty),
        ("Error: quota exceeded", .notOneWord(byteCount: 21)),
        ("{not json", .invalidJSON),
        ("{\"id\": \"key_1\"}", .noSecret),
        ("{\"secret\": 42}", .noSecret),
        ("{\"secret\": \"\"}", .noSecret),
        ("{\"secret\": \"abc\", \"id\": true}", .badID),
        ("{\"secret\": \"abc\", \"id\": [1]}", .badID),
    ])
    func createOutputThatIsNotAKeyIsRefused(_ stdout: String, _ error: CreateOutputError) {
        #expect(throws: error) { try CreateOutput(parsing: Array(stdout.utf8)) }
    }

    @Test func aSecretIsMaskedInStepOutput() {
        let secret = Array("tok_8cK2pQ9zR4mW7xYv".utf8)
        let mask = OutputMask(secrets: [secret])
        #expect(mask.mask("put failed: tok_8cK2pQ9zR4mW7xYv rejected") == "put failed: [MASKED] rejected")
        #expect(mask.mask("got 8cK2pQ9zR4mW7 only") == "got [MASKED] only", "a 12-character piece")
        #expect(mask.mask("wrapped tok_8cK2pQ9zR4m\n    W7xYv here") == "wrapped [MASKED] here", "across a line break")
        #expect(mask.mask("tok_8cK2 is short") == "tok_8cK2 is short", "fewer than 12 characters of it")
        #expect(mask.maskKnown("revoke AKIAABCDEFGH23456789") == "revoke AKIAABCDEFGH23456789", "ids stay readable")
        #expect(mask.mask("id AKIAABCDEFGH23456789 x") == "id [MASKED] x", "credential-shaped step output")
        let old = Array("old-secret-value-0001".utf8)
        let known = OutputMask(secrets: [], fingerprints: [Fingerprint.of(old)])
        #expect(known.mask("echo \"old-secret-value-0001\"") == "echo \"[MASKED]\"", "by fingerprint")
    }

    @Test func defaultsMergeProviderThenTagsThenTheKeysOwnTable() {
        let defaults = RotationDefaults(entries: [
            "aws": RotationSpec(
                create: ["aws-create"], distribute: ["put"], verify: ["check"], revoke: ["aws-revoke"],
                grace: try? DurationSpec(parsing: "24h")),
            "aws-access-key-id": RotationSpec(verify: ["sts-check"]),
            "prod": RotationSpec(notify: ["page-oncall"], grace: try? DurationSpec(parsing: "72h")),
            "unused": RotationSpec(create: ["never"]),
        ])
        let record = KeyRecord(
            name: "ci-deploy", rule: "aws-access-key-id", tags: ["prod"], rotation: RotationSpec(distribute: ["vault-put"]))
        #expect(defaults.sources(for: record).map(\.name) == ["aws", "aws-access-key-id", "prod", "keys.rotation"])
        let merged = defaults.merged(for: record)
        #expect(merged?.create == ["aws-create"])
        #expect(merged?.distribute == ["vault-put"])
        #expect(merged?.verify == ["sts-check"])
        #expect(merged?.notify == ["page-oncall"])
        #expect(merged?.grace?.text == "72h")
        #expect(defaults.merged(for: KeyRecord(name: "other")) == nil)
    }

    @Test func aKeyRotatedByDefaultsAloneRotates() throws {
        let inventory = FakeProvider.inventory(grace: nil).components(separatedBy: "[keys.rotation]")[0] + "rule = \"fake-key\"\n"
        let fixture = try FakeFixture(inventory: inventory)
        defer { fixture.folder.remove() }
        let defaults = RotationDefaults(entries: [
            "fake": RotationSpec(
                create: ["fake", "create"], distribute: ["fake", "put"], verify: ["fake", "verify", "{new_provider_id}"],
                revoke: ["fake", "revoke", "{provider_id}"])
        ])
        #expect(try fixture.engine(defaults: defaults).rotate(name: "payments").status == .done)
    }

    @Test func backoffDoublesUpToItsLimit() {
        let backoff = RetryBackoff(initial: 1, limit: 5)
        #expect((1...5).map(backoff.delay(after:)) == [1, 2, 4, 5, 5])
    }

    @Test func stateFilesRoundTripAndHoldNoSecret() throws {
        let state = RotationState(
            key: "payments \"prod\"/eu", rotationID: "20260301-0badf00d", kind: .emergency, phase: .verified, pending: .confirm,
            attempts: 2, started: Date(timeIntervalSince1970: 1_772_355_600), date: "2026-03-01", oldProviderID: "key_old",
            oldFingerprint: Fingerprint.of(Array("a".utf8)), newProviderID: "key_new",
            newFingerprint: Fingerprint.of(Array("b".utf8)), revokeAfter: Date(timeIntervalSince1970: 1_772_442_000),
            notified: false, lastError: "verify exited with status 1", warnings: ["w"],
            plan: RotationCommands(
                create: ["c"], distribute: ["d"], verify: ["v", "{new_provider_id}"], revoke: ["r"], grace: try DurationSpec(parsing: "1d"),
                timeout: 60, retries: 1))
        let decoded = try RotationState(json: Array(state.json.utf8), path: "s.json")
        #expect(decoded == state)
        #expect(state.json.hasPrefix("{\n  \"version\": 2,\n  \"key\": \"payments \\\"prod\\\"/eu\""))
        let store = RotationStateStore(directory: "/tmp/x")
        #expect(store.path(for: "payments \"prod\"/eu") == "/tmp/x/payments%20%22prod%22%2Feu.json")
        #expect(store.path(for: ".hidden") == "/tmp/x/%2Ehidden.json")
    }

    @Test func theInventoryEditKeepsEverythingElseByteForByte() throws {
        let text = """
            # keys
            [[keys]]
            name = "a"
            description = \"\"\"
            fingerprint = "not a field, inside a string"
            \"\"\"
            provider_id = "key_1"   # the old one
            consumers = [
              "x",
              "y",
            ]

            [keys.rotation]
            create = ["c"]

            [[keys]]
            name = "b"
            fingerprint = "sha256:\(String(repeating: "1", count: 64))"

            """
        let fingerprint = Fingerprint.of(Array("new".utf8))
        let edited = try InventoryEditor.updating(
            [("fingerprint", "\"\(fingerprint)\""), ("provider_id", "\"key_2\""), ("last_rotated", "2026-03-01T09:00:00Z")],
            inRecordNamed: "a", of: Array(text.utf8), path: "keys.toml")
        #expect(
            String(decoding: edited, as: UTF8.self) == """
                # keys
                [[keys]]
                name = "a"
                description = \"\"\"
                fingerprint = "not a field, inside a string"
                \"\"\"
                provider_id = "key_2"   # the old one
                consumers = [
                  "x",
                  "y",
                ]
                fingerprint = "\(fingerprint)"
                last_rotated = 2026-03-01T09:00:00Z

                [keys.rotation]
                create = ["c"]

                [[keys]]
                name = "b"
                fingerprint = "sha256:\(String(repeating: "1", count: 64))"

                """)
    }

    @Test func aJSONInventoryIsRewrittenWithTheNewKey() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let old = Fingerprint.of(Array("old".utf8))
        try folder.write("keys.json", "{\"keys\": [{\"name\": \"a\", \"fingerprint\": \"\(old)\", \"provider_id\": \"key_1\"}]}")
        let access = InventoryAccess(path: folder.file("keys.json"), fingerprintKey: nil)
        let new = Fingerprint.of(Array("new".utf8))
        try access.recordRotation(of: "a", fingerprint: new, providerID: "key_2", rotatedAt: Date(timeIntervalSince1970: 1_772_355_600.7))
        let record = try #require(try access.load().record(named: "a"))
        #expect(record.fingerprint == new && record.providerID == "key_2")
        #expect(record.lastRotated == Date(timeIntervalSince1970: 1_772_355_600))
    }
    @Test func aRotationAtAFractionOfASecondIsRecordedWithItsRetiredVersion() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let old = Fingerprint.of(Array("old".utf8))
        try folder.write(
            "keys.toml", "[[keys]]\nname = \"a\"\nfingerprint = \"\(old)\"\nprovider_id = \"key_1\"\n\n[keys.rotation]\ncreate = [\"c\"]\n")
        let access = InventoryAccess(path: folder.file("keys.toml"), fingerprintKey: nil)
        try access.checkRecordable("a")
        let new = Fingerprint.of(Array("new".utf8))
        let now = Date(timeIntervalSince1970: 1_772_355_600.7)
        let retired = RetiredKey(
            fingerprint: old, providerID: "key_1", created: Date(timeIntervalSince1970: 1_700_000_000.25), revokedAt: now)
        try access.recordRotation(
            of: "a", fingerprint: new, providerID: "key_2", rotatedAt: now, expires: Date(timeIntervalSince1970: 1_800_000_000.5),
            retired: retired)
        let record = try #require(try access.load().record(named: "a"))
        #expect(record.fingerprint == new && record.providerID == "key_2")
        #expect(record.expires == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(
            record.previous == [
                RetiredKey(
                    fingerprint: old, providerID: "key_1", created: Date(timeIntervalSince1970: 1_700_000_000),
                    revokedAt: Date(timeIntervalSince1970: 1_772_355_600))
            ])
    }
}
