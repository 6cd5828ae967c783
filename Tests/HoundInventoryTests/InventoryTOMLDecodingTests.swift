import Foundation
import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

/// TOML inventories: the format of DESIGN.md §7, with errors at the key's line:column.
@Suite struct InventoryTOMLDecodingTests {
    static let fingerprint = Fingerprint.of(Array("not a real secret".utf8))

    static let example = """
        # Payments keys
        [[keys]]
        name = "payment-gateway-prod"
        description = "Stripe production key for payments"
        fingerprint = "\(fingerprint)"
        provider_id = "key_8f2a"            # the provider's public id for the key, used by revoke
        owner = "finance-team"
        consumers = ["billing-service", "checkout-service"]
        rotation_frequency = "30d"
        last_rotated = 2026-10-01T00:00:00Z
        on_leak = "rotate"                  # rotate | emergency | report

        [keys.rotation]                     # argv arrays, run without a shell
        create = ["./scripts/stripe-key", "create", "--name", "{name}-{date}"]
        distribute = ["./scripts/put-secret", "payment-gateway-prod"]
        verify = ["./scripts/check-consumers", "payment-gateway-prod"]
        revoke = ["./scripts/stripe-key", "delete", "{old_provider_id}"]
        grace = "24h"

        [[keys]]
        name = "legacy-ci-token"
        status = "retired"
        expires = 2027-01-01
        last_rotated = 2026-01-01T09:30:00+01:00
        """

    func load(_ toml: String) throws(InventoryError) -> Inventory {
        try Inventory.parse(Array(toml.utf8), path: "keys.toml")
    }

    func error(_ toml: String) -> String? {
        do {
            _ = try load(toml)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func decodesTheDesignExample() throws {
        let inventory = try load(Self.example)
        #expect(inventory.records.map(\.name) == ["payment-gateway-prod", "legacy-ci-token"])
        let record = inventory.records[0]
        #expect(record.fingerprint == Self.fingerprint)
        #expect(record.providerID == "key_8f2a")
        #expect(record.onLeak == .rotate)
        #expect(record.lastRotated == date("2026-10-01T00:00:00Z"))
        #expect(
            record.rotation
                == RotationSpec(
                    create: ["./scripts/stripe-key", "create", "--name", "{name}-{date}"],
                    distribute: ["./scripts/put-secret", "payment-gateway-prod"],
                    verify: ["./scripts/check-consumers", "payment-gateway-prod"],
                    revoke: ["./scripts/stripe-key", "delete", "{old_provider_id}"], grace: try DurationSpec(parsing: "24h")))
        let legacy = inventory.records[1]
        #expect(legacy.status == .retired)
        #expect(legacy.expires == date("2027-01-01T00:00:00Z"))
        #expect(legacy.lastRotated == date("2026-01-01T08:30:00Z"))
        #expect(inventory.match(Self.fingerprint)?.name == "payment-gateway-prod")
        #expect(inventory.positions == [SourcePosition(line: 2, column: 1), SourcePosition(line: 20, column: 1)])
    }

    @Test func unknownFieldWithSuggestion() {
        #expect(
            error("[[keys]]\nname = \"a\"\nconsumer = [\"x\"]\n")
                == "keys.toml:3:1: key \"a\": unknown field \"consumer\" (did you mean \"consumers\"?)")
        #expect(
            error("[[keys]]\nname = \"a\"\n\n[keys.rotation]\n  revokee = [\"x\"]\n")
                == "keys.toml:5:3: key \"a\": unknown field \"rotation.revokee\" (did you mean \"rotation.revoke\"?)")
        #expect(error("[[key]]\nname = \"a\"\n") == "keys.toml:1:3: unknown field \"key\" (did you mean \"keys\"?)")
    }

    @Test func wrongTypes() {
        #expect(
            error("[[keys]]\nname = \"a\"\nrotation_frequency = 30\n")
                == "keys.toml:3:1: key \"a\": field \"rotation_frequency\" must be a duration string such as \"30d\" or \"quarterly\", not integer")
        #expect(
            error("[[keys]]\nname = \"a\"\nlast_rotated = 07:30:00\n")
                == "keys.toml:3:1: key \"a\": field \"last_rotated\" must be a date (2026-10-01) or date-time (2026-10-01T00:00:00Z), not time")
        #expect(
            error("[[keys]]\nname = \"a\"\n[keys.rotation]\ncreate = \"./rotate create\"\n")
                == "keys.toml:4:1: key \"a\": field \"rotation.create\" must be an array of strings, not string")
        #expect(
            error("[[keys]]\nname = \"a\"\n[keys.rotation]\nretries = -1\n")
                == "keys.toml:4:1: key \"a\": field \"rotation.retries\" must be an integer from 0 to 100, not integer")
        #expect(error("keys = 3\n") == "keys.toml:1:1: \"keys\" must be an array of tables ([[keys]]), not integer")
    }

    @Test func malformedDatesAndDurations() {
        #expect(
            error("[[keys]]\nname = \"a\"\nlast_rotated = \"01/10/2026\"\n")
                == "keys.toml:3:1: key \"a\": field \"last_rotated\": invalid date \"01/10/2026\": expected a 4-digit year (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, optionally with an offset such as +02:00)"
        )
        #expect(
            error("[[keys]]\nname = \"a\"\n[keys.rotation]\ngrace = \"1 day\"\n")
                == "keys.toml:4:1: key \"a\": field \"rotation.grace\": invalid duration \"1 day\": expected a number followed by s, m, h, d, w or y, or one of daily, weekly, monthly, quarterly, yearly"
        )
    }

    @Test func badFingerprint() {
        #expect(
            error("[[keys]]\nname = \"a\"\n  fingerprint = \"sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709\"\n")
                == "keys.toml:3:3: key \"a\": unknown fingerprint algorithm \"sha1\" (expected sha256 or hmac-sha256)")
        #expect(
            error("[[keys]]\nname = \"a\"\nfingerprint = \"sha256:\(String(repeating: "0", count: 65))\"\n")
                == "keys.toml:3:1: key \"a\": fingerprint must have 64 hex digits after \"sha256:\", found 65")
    }

    @Test func secretLookingField() {
        let secret = FakeSecret.random(24, seed: 7)
        let message = error("[[keys]]\nname = \"a\"\n\nclient_secret = \"\(secret)\"\n")
        #expect(
            message
                == "keys.toml:4:1: key \"a\": field \"client_secret\" looks like a plaintext secret; the inventory holds fingerprints only (`keyhound inventory add` reads the secret from stdin and stores its fingerprint)"
        )
        #expect(message?.contains(secret) == false)
        #expect(
            error("[[keys]]\nname = \"a\"\nowner = \"\(FakeSecret.stripeKey())\"\n")
                == "keys.toml:3:1: key \"a\": field \"owner\" contains what looks like a Stripe key; the inventory holds fingerprints only, never secrets")
    }

    @Test func duplicateNamesAndMissingName() {
        #expect(
            error("[[keys]]\nname = \"a\"\n\n[[keys]]\nname = \"a\"\n")
                == "keys.toml:4:1: key \"a\": duplicate key name \"a\" (first defined at line 1)")
        #expect(error("[[keys]]\nowner = \"x\"\n") == "keys.toml:1:1: missing required field \"name\"")
    }

    @Test func syntaxErrorsComeFromTheTOMLReader() {
        let message = error("[[keys]]\nname = \"a\nowner = \"x\"\n")
        #expect(message?.hasPrefix("keys.toml:2:") == true)
        #expect(message?.contains("invalid TOML: ") == true)
    }

    @Test func formatIsChosenByExtensionThenContent() {
        #expect(InventoryFormat.detect(path: "a.json", bytes: Array("[[keys]]".utf8)) == .json)
        #expect(InventoryFormat.detect(path: "inventory", bytes: Array("  {\"keys\": []}".utf8)) == .json)
        #expect(InventoryFormat.detect(path: "inventory", bytes: Array("[[keys]]".utf8)) == .toml)
    }
}
