import Foundation
import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

/// JSON inventories: the same checks as TOML, positions in line:column of the JSON text.
@Suite struct InventoryJSONDecodingTests {
    static let fingerprint = Fingerprint.of(Array("not a real secret".utf8))

    func load(_ json: String) throws(InventoryError) -> Inventory {
        try Inventory.parse(Array(json.utf8), path: "keys.json")
    }

    func error(_ json: String) -> InventoryError? {
        do {
            _ = try load(json)
            return nil
        } catch {
            return error
        }
    }

    @Test func decodesEveryField() throws {
        let inventory = try load(
            """
            {"keys": [
              {
                "name": "payment-gateway-prod",
                "description": "Stripe production key for payments",
                "fingerprint": "\(Self.fingerprint)",
                "provider_id": "key_8f2a",
                "rule": "stripe-secret-key",
                "owner": "finance-team",
                "consumers": ["billing-service", "checkout-service"],
                "environment": "prod",
                "rotation_frequency": "30d",
                "last_rotated": "2026-10-01T00:00:00Z",
                "expires": "2027-10-01",
                "status": "active",
                "on_leak": "rotate",
                "tags": ["payments"],
                "rotation": {
                  "create": ["./scripts/stripe-key", "create", "--name", "{name}-{date}"],
                  "distribute": ["./scripts/put-secret", "payment-gateway-prod"],
                  "revoke": ["./scripts/stripe-key", "delete", "{old_provider_id}"],
                  "grace": "24h",
                  "timeout": "5m",
                  "retries": 2
                }
              }
            ]}
            """)
        let record = try #require(inventory.records.first)
        #expect(record.name == "payment-gateway-prod")
        #expect(record.fingerprint == Self.fingerprint)
        #expect(record.consumers == ["billing-service", "checkout-service"])
        #expect(record.rotationFrequency?.length == .seconds(30 * 86_400))
        #expect(record.lastRotated == date("2026-10-01T00:00:00Z"))
        #expect(record.expires == date("2027-10-01"))
        #expect(record.onLeak == .rotate)
        #expect(record.rotation?.create == ["./scripts/stripe-key", "create", "--name", "{name}-{date}"])
        #expect(record.rotation?.grace?.text == "24h")
        #expect(record.rotation?.retries == 2)
        #expect(record.rotation?.verify == nil)
        #expect(record.rotationDue == date("2026-10-31T00:00:00Z"))
    }

    @Test func unknownFieldSuggestsTheNearestName() {
        let failure = error(
            """
            {"keys": [
              {"name": "a",
               "ownr": "finance-team"}
            ]}
            """)
        #expect(failure?.description == "keys.json:3:4: key \"a\": unknown field \"ownr\" (did you mean \"owner\"?)")
        #expect(failure?.kind == .unknownField)
    }

    @Test func unknownRotationFieldSuggestsToo() {
        let failure = error(#"{"keys": [{"name": "a", "rotation": {"gracе_period": "1d", "revokee": ["x"]}}]}"#)
        #expect(failure?.description.contains("unknown field \"rotation.gracе_period\"") == true)
        let second = error(#"{"keys": [{"name": "a", "rotation": {"revokee": ["x"]}}]}"#)
        #expect(second?.description == "keys.json:1:38: key \"a\": unknown field \"rotation.revokee\" (did you mean \"rotation.revoke\"?)")
    }

    @Test func wrongTypes() {
        #expect(
            error(#"{"keys": [{"name": "a", "consumers": "billing"}]}"#)?.description
                == "keys.json:1:38: key \"a\": field \"consumers\" must be an array of strings, not string")
        #expect(
            error(#"{"keys": [{"name": "a", "consumers": ["billing", 7]}]}"#)?.description
                == "keys.json:1:50: key \"a\": field \"consumers\" must be an array of strings, but holds integer")
        #expect(
            error(#"{"keys": [{"name": 5}]}"#)?.description == "keys.json:1:20: field \"name\" must be a string, not integer")
        #expect(error(#"{"keys": {"name": "a"}}"#)?.description == "keys.json:1:10: \"keys\" must be an array of tables ([[keys]]), not table")
        #expect(error(#"[1]"#)?.description == "keys.json:1:1: a JSON inventory must be an object with a \"keys\" array, not array")
    }

    @Test func badValues() {
        #expect(
            error(#"{"keys": [{"name": "a", "rotation_frequency": "3x"}]}"#)?.description
                == "keys.json:1:47: key \"a\": field \"rotation_frequency\": invalid duration \"3x\": expected a number followed by s, m, h, d, w or y, or one of daily, weekly, monthly, quarterly, yearly"
        )
        #expect(
            error(#"{"keys": [{"name": "a", "last_rotated": "2026-02-30"}]}"#)?.description
                == "keys.json:1:41: key \"a\": field \"last_rotated\": invalid date \"2026-02-30\": day 30 does not exist in 2026-02 (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, optionally with an offset such as +02:00)"
        )
        #expect(
            error(#"{"keys": [{"name": "a", "status": "retierd"}]}"#)?.description
                == "keys.json:1:35: key \"a\": field \"status\" is \"r…\" (7 characters), expected one of active, retired, revoked (did you mean \"retired\"?)"
        )
        #expect(error(#"{"keys": [{"description": "x"}]}"#)?.description == "keys.json:1:11: missing required field \"name\"")
    }

    @Test func badFingerprints() {
        let hex63 = String(repeating: "a", count: 63)
        #expect(
            error(#"{"keys": [{"name": "a", "fingerprint": "sha256:\#(hex63)"}]}"#)?.description
                == "keys.json:1:40: key \"a\": fingerprint must have 64 hex digits after \"sha256:\", found 63")
        #expect(
            error(#"{"keys": [{"name": "a", "fingerprint": "md5:d41d8cd98f00b204e9800998ecf8427e"}]}"#)?.message
                == "unknown fingerprint algorithm \"md5\" (expected sha256 or hmac-sha256)")
        #expect(
            error(#"{"keys": [{"name": "a", "fingerprint": "d41d8cd98f00b204e9800998ecf8427e"}]}"#)?.message
                == "fingerprint must look like sha256:<64 hex digits> or hmac-sha256:<64 hex digits>")
        #expect(
            error(#"{"keys": [{"name": "a", "fingerprint": "hmac-sha256:\#(String(repeating: "z", count: 64))"}]}"#)?.message
                == "fingerprint holds characters other than hex digits after \"hmac-sha256:\"")
    }

    @Test func secretLookingFieldsAreRefusedWithoutEchoingThem() {
        let token = FakeSecret.githubToken()
        let named = error(#"{"keys": [{"name": "a", "token": "\#(token)"}]}"#)
        #expect(named?.kind == .plaintextSecret)
        #expect(
            named?.description
                == "keys.json:1:25: key \"a\": field \"token\" looks like a plaintext secret; the inventory holds fingerprints only (`keyhound inventory add` reads the secret from stdin and stores its fingerprint)"
        )
        let described = error(#"{"keys": [{"name": "a", "description": "the key is \#(token)"}]}"#)
        #expect(described?.kind == .plaintextSecret)
        #expect(described?.message == "field \"description\" contains what looks like a GitHub token; the inventory holds fingerprints only, never secrets")
        #expect(described?.description.contains(token) == false)
        let random = error(#"{"keys": [{"name": "a", "description": "\#(FakeSecret.random(32, seed: 9))"}]}"#)
        #expect(random?.message == "field \"description\" contains what looks like a random-looking string; the inventory holds fingerprints only, never secrets")
        let pasted = error(#"{"keys": [{"name": "a", "fingerprint": "\#(token)"}]}"#)
        #expect(pasted?.description.contains(token) == false)
    }

    @Test func duplicateNames() {
        #expect(
            error(
                """
                {"keys": [
                  {"name": "a"},
                  {"name": "a"}
                ]}
                """)?.description == "keys.json:3:3: key \"a\": duplicate key name \"a\" (first defined at line 2)")
    }

    @Test func syntaxErrorsNameThePosition() {
        #expect(error("{\"keys\": [\n  {\"name\": \"a\",}\n]}")?.description == "keys.json:2:16: invalid JSON: expected a string key")
        #expect(error("{\"keys\": [], \"keys\": []}")?.description == "keys.json:1:14: invalid JSON: duplicate key \"keys\"")
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: InventoryError(.unreadable, path: "/nonexistent/keys.toml", message: "cannot read the file: no such file")) {
            try Inventory.load(path: "/nonexistent/keys.toml")
        }
    }

    @Test func unknownTopLevelField() {
        #expect(error(#"{"kyes": []}"#)?.description == "keys.json:1:2: unknown field \"kyes\" (did you mean \"keys\"?)")
    }
}
