import Foundation
import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

/// Golden before/after texts of the textual edits: comments, order and spacing survive.
@Suite struct InventoryEditorTests {
    static let before = """
        # Keys owned by the platform team.
        # Review quarterly.

        [[keys]]
        name = "a"   # the first key
        consumers = [
          "billing",  # [not a header]
          "checkout",
        ]

        # The payment key: do not remove without asking finance.
        [[keys]]
        name = "b"
        description = \"\"\"
        [keys]
        looks like a header but is inside a string
        \"\"\"

        [keys.rotation]
        grace = "24h"

        # c comes last
        [[keys]]
        name = "c"

        """

    func remove(_ index: Int, from text: String) throws -> String {
        let out = try InventoryEditor.removing(recordNamed: ["a", "b", "c"][index], from: Array(text.utf8), path: "keys.toml")
        return String(decoding: out, as: UTF8.self)
    }

    @Test func removesTheMiddleBlockWithItsCommentAndSubtable() throws {
        #expect(
            try remove(1, from: Self.before) == """
                # Keys owned by the platform team.
                # Review quarterly.

                [[keys]]
                name = "a"   # the first key
                consumers = [
                  "billing",  # [not a header]
                  "checkout",
                ]

                # c comes last
                [[keys]]
                name = "c"

                """)
    }

    @Test func removesTheFirstBlockKeepingTheFileHeader() throws {
        #expect(
            try remove(0, from: Self.before) == """
                # Keys owned by the platform team.
                # Review quarterly.

                # The payment key: do not remove without asking finance.
                [[keys]]
                name = "b"
                description = \"\"\"
                [keys]
                looks like a header but is inside a string
                \"\"\"

                [keys.rotation]
                grace = "24h"

                # c comes last
                [[keys]]
                name = "c"

                """)
    }

    @Test func removesTheLastBlockAndTheBlankLinesBeforeIt() throws {
        #expect(
            try remove(2, from: Self.before) == """
                # Keys owned by the platform team.
                # Review quarterly.

                [[keys]]
                name = "a"   # the first key
                consumers = [
                  "billing",  # [not a header]
                  "checkout",
                ]

                # The payment key: do not remove without asking finance.
                [[keys]]
                name = "b"
                description = \"\"\"
                [keys]
                looks like a header but is inside a string
                \"\"\"

                [keys.rotation]
                grace = "24h"

                """)
    }

    @Test func refusesWhenHeadersAndRecordsDisagree() {
        let inline = "keys = [{ name = \"a\" }]\n"
        #expect(throws: InventoryError.self) {
            try InventoryEditor.removing(recordNamed: "a", from: Array(inline.utf8), path: "keys.toml")
        }
    }

    @Test func appendsABlockAtTheEnd() throws {
        let fingerprint = Fingerprint.of(FakeSecret.bytes(5))
        let record = KeyRecord(
            name: "d", description: "say \"hi\"", fingerprint: fingerprint, owner: "ops", consumers: ["web", "api"],
            rotationFrequency: try DurationSpec(parsing: "quarterly"), lastRotated: date("2026-10-01"),
            expires: date("2027-01-01T12:30:00Z"), onLeak: .emergency,
            rotation: RotationSpec(create: ["./new-key", "{name}"], grace: try DurationSpec(parsing: "24h"), retries: 2))
        let out = try InventoryEditor.appending([record], to: Array("# header\n[[keys]]\nname = \"a\"".utf8), path: "k.toml")
        #expect(
            String(decoding: out, as: UTF8.self) == """
                # header
                [[keys]]
                name = "a"

                [[keys]]
                name = "d"
                description = "say \\"hi\\""
                fingerprint = "\(fingerprint)"
                owner = "ops"
                consumers = ["web", "api"]
                rotation_frequency = "quarterly"
                last_rotated = 2026-10-01
                expires = 2027-01-01T12:30:00Z
                on_leak = "emergency"

                [keys.rotation]
                create = ["./new-key", "{name}"]
                grace = "24h"
                retries = 2

                """)
    }

    @Test func newFileGetsAHeaderComment() throws {
        let out = String(decoding: try InventoryEditor.appending([KeyRecord(name: "a")], to: [], path: "k.toml"), as: UTF8.self)
        #expect(out.hasPrefix("# keyhound key inventory"))
        #expect(out.hasSuffix("here.\n\n[[keys]]\nname = \"a\"\n"))
    }

    @Test func keepsCRLFLineEnds() throws {
        let out = try InventoryEditor.appending([KeyRecord(name: "b")], to: Array("[[keys]]\r\nname = \"a\"\r\n".utf8), path: "k.toml")
        #expect(String(decoding: out, as: UTF8.self) == "[[keys]]\r\nname = \"a\"\r\n\r\n[[keys]]\r\nname = \"b\"\r\n")
    }

    @Test func setsOrReplacesAFingerprint() throws {
        let fingerprint = Fingerprint.of(FakeSecret.bytes(6))
        let text = "[[keys]]\nname = \"a\"  # imported\nowner = \"ops\"\n\n[[keys]]\nname = \"b\"\nfingerprint = \"sha256:old\"\n"
        let first = try InventoryEditor.settingFingerprint(fingerprint, recordNamed: "a", in: Array(text.utf8), path: "k.toml")
        #expect(
            String(decoding: first, as: UTF8.self)
                == "[[keys]]\nname = \"a\"  # imported\nfingerprint = \"\(fingerprint)\"\nowner = \"ops\"\n\n[[keys]]\nname = \"b\"\nfingerprint = \"sha256:old\"\n")
        let second = try InventoryEditor.settingFingerprint(fingerprint, recordNamed: "b", in: Array(text.utf8), path: "k.toml")
        #expect(
            String(decoding: second, as: UTF8.self)
                == "[[keys]]\nname = \"a\"  # imported\nowner = \"ops\"\n\n[[keys]]\nname = \"b\"\nfingerprint = \"\(fingerprint)\"\n")
    }
}
