import Foundation
import HoundRotation
import HoundSupport
import Testing

@Suite("Bad input is refused with a clear message")
struct BadInputTests {
    @Test func anUnknownKeyNameSuggestsTheClosestOne() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        #expect(throws: RotationError.unknownKey("paymnets", suggestion: "payments")) {
            try fixture.engine().rotate(name: "paymnets")
        }
        #expect(
            RotationError.unknownKey("paymnets", suggestion: "payments").description
                == "no key named \"paymnets\" in the inventory (did you mean \"payments\"?)")
    }

    @Test func aGracePeriodThatDoesNotParseIsReportedWithItsPosition() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: "a while"))
        defer { fixture.folder.remove() }
        do {
            _ = try fixture.engine().rotate(name: "payments")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("inventory.toml:"))
            #expect(error.description.contains("rotation.grace"))
            #expect(error.description.contains("invalid duration \"a while\""))
        }
        #expect(fixture.provider.state.calls.isEmpty)
    }

    @Test(arguments: [
        ("create = [\"fake\", \"{nmae}\"]", "rotation.create: unknown placeholder {nmae} in \"{nmae}\" (did you mean {name}?)"),
        (
            "create = [\"fake\", \"{new_provider_id}\"]",
            "rotation.create uses {new_provider_id}, which has no value in this step (the new key does not exist yet)"
        ),
        ("create = [\"fake\", \"--label={name\"]", "rotation.create: unclosed \"{\" in \"--label={name\" (write {{ for a literal brace)"),
        ("create = []", "field \"rotation.create\" must be a non-empty argv array"),
    ])
    func malformedCommandsAreRefusedBeforeAnythingRuns(_ line: String, _ message: String) throws {
        let inventory = FakeProvider.inventory().replacingOccurrences(
            of: "create = [\"fake\", \"create\", \"--label\", \"{name}-{date}-{rotation_id}\"]", with: line)
        let fixture = try FakeFixture(inventory: inventory)
        defer { fixture.folder.remove() }
        do {
            _ = try fixture.engine().rotate(name: "payments")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
        #expect(fixture.provider.state.calls.isEmpty)
    }

    @Test func missingCommandsAreListed() throws {
        let inventory = FakeProvider.inventory()
            .replacingOccurrences(of: "verify = [\"fake\", \"verify\", \"{new_provider_id}\"]", with: "")
            .replacingOccurrences(of: "revoke = [\"fake\", \"revoke\", \"{provider_id}\"]", with: "")
        let fixture = try FakeFixture(inventory: inventory)
        defer { fixture.folder.remove() }
        #expect(throws: RotationError.invalidCommands(key: "payments", problem: "rotation commands missing: verify, revoke")) {
            try fixture.engine().rotate(name: "payments")
        }
    }

    @Test func aKeyWithoutRotationCommandsSaysWhereToAddThem() throws {
        let fixture = try FakeFixture(inventory: "[[keys]]\nname = \"bare\"\n")
        defer { fixture.folder.remove() }
        do {
            _ = try fixture.engine().rotate(name: "bare")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("key \"bare\": no rotation commands: add a [keys.rotation] table"))
        }
    }

    @Test func aRevokedKeyIsNotRotated() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(keys: [("payments", "status = \"revoked\"")]))
        defer { fixture.folder.remove() }
        #expect(throws: RotationError.notActive(key: "payments", status: "revoked")) {
            try fixture.engine().rotate(name: "payments")
        }
    }

    @Test func aStateFileFromAnotherVersionIsRefused() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "payments")
        let path = fixture.stateDirectory + "/payments.json"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"version\": 2", with: "\"version\": 7")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let expected =
            "\(path): state file version 7 is not supported by this keyhound (it reads versions 1 and 2); "
            + "finish the rotation with the keyhound that started it"
        #expect(
            throws: RotationError.state(
                path: path,
                problem:
                    "state file version 7 is not supported by this keyhound (it reads versions 1 and 2); finish the rotation with the keyhound that started it"
            )
        ) {
            try fixture.engine().rotate(name: "payments")
        }
        let outcomes = fixture.engine().resume()
        #expect(outcomes.map(\.status) == [.failed(reason: expected)])
    }

    @Test func aStateFileWithAGraceThatDoesNotParseIsRefused() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "payments")
        let path = fixture.stateDirectory + "/payments.json"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "\"grace\": \"24h\"", with: "\"grace\": \"soon\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try #require(fixture.engine().resume().first)
        #expect(outcome.description.contains("commands.grace: invalid duration \"soon\""))
    }

    @Test func aStateFileThatIsNotJSONIsRefused() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        try FileManager.default.createDirectory(atPath: fixture.stateDirectory, withIntermediateDirectories: true)
        try "garbage".write(toFile: fixture.stateDirectory + "/payments.json", atomically: true, encoding: .utf8)
        #expect(throws: RotationError.self) { try fixture.engine().rotate(name: "payments") }
    }
}
