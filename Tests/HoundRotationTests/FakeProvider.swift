import Foundation
import HoundModel
import HoundRotation
import HoundSupport
import Synchronization

/// An in-memory provider and secret store that answers the rotation commands of
/// ``FakeProvider/inventory(...)`` the way the demo scripts do, with failures on demand.
///
/// `create` issues `key_newN` with a fresh secret; `distribute` stores stdin; `verify <id>`
/// passes when the store holds the active key `<id>` (and stdin, if any, is that secret);
/// `revoke <id>` is idempotent; `notify` records its arguments.
final class FakeProvider: CommandRunner {
    /// How a step's command misbehaves.
    enum Behaviour: Sendable, Equatable {
        /// Exits with this status (nothing happens).
        case fail(Int32)
        /// Exits 75 this many times, then behaves.
        case transient(Int)
        /// Does its work, then hangs until killed (reported as timed out).
        case timeout
        /// The program is not found.
        case missing
        /// `create` only: prints this instead of a key (and makes no key).
        case prints(String)
        /// `create` only: makes a key, then prints nothing useful and exits 0.
        case makesKeyPrintsGarbage
        /// `create` only: prints the raw secret without an id.
        case printsRawSecret
        /// Writes `variant` of the newest secret on stdout and stderr, then exits with `status`
        /// (`create` prints its JSON first, so the secret is known to keyhound).
        case leaks(SecretVariant, Int32)
        /// `create` only: answers `{"secret": secret, "id": id}` (and `"expires"` when given); a
        /// new id is a key it made.
        case returns(secret: String, id: String, expires: String? = nil)
        /// Exits 1 when its command line holds this argument (a consumer's name, say), else behaves.
        case failsFor(String)
    }

    /// Forms of a secret a hostile step may print.
    enum SecretVariant: String, Sendable, CaseIterable {
        case exact
        /// All but the last character.
        case allButOne
        /// A 12-character piece from the middle.
        case piece
        /// Standard base64, inside a longer blob.
        case base64
        /// URL-safe base64 of the secret behind a one-byte prefix.
        case urlBase64
        /// Lower-case hex.
        case hex
        /// Split across two lines, the second part shorter than 12 characters.
        case split

        /// The text printed for `secret`.
        func text(of secret: [UInt8]) -> String {
            let plain = String(decoding: secret, as: UTF8.self)
            switch self {
            case .exact: return "token=\(plain) rejected"
            case .allButOne: return "got \(plain.dropLast())"
            case .piece: return "fragment '\(plain.dropFirst(15).prefix(12))'"
            case .base64: return "blob: " + Data(Array("prefix:".utf8) + secret).base64EncodedString()
            case .urlBase64:
                return "b64url="
                    + Data([0x7F] + secret).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_")
            case .hex: return "hex " + secret.map { String(format: "%02x", $0) }.joined()
            case .split: return "secret was \(plain.prefix(secret.count - 7))\n\(plain.suffix(7)) (wrapped)"
            }
        }
    }

    /// Everything the fake provider and store know.
    struct World: Sendable {
        var keys: [String: Bool] = ["key_old": true]
        var secrets: [String: [UInt8]] = ["key_old": FakeProvider.oldSecret]
        /// The secret store: key name → secret (every key starts with the old secret).
        var store: [String: [UInt8]] = [:]
        var issued = 0
        var behaviours: [RotationStep: Behaviour] = [:]
        var notifications: [[String]] = []
        var calls: [(step: RotationStep, argv: [String], stdin: [UInt8]?, environment: [String: String])] = []
    }

    /// The old key's secret, assembled at run time.
    static let oldSecret = Array(("fake" + "_old_" + String(repeating: "q7", count: 12)).utf8)

    private let world = Mutex(World())

    /// Makes `step` misbehave.
    func set(_ step: RotationStep, _ behaviour: Behaviour?) { world.withLock { $0.behaviours[step] = behaviour } }

    /// A snapshot of the world.
    var state: World { world.withLock { $0 } }

    /// Whether the provider considers `id` valid.
    func isActive(_ id: String) -> Bool { state.keys[id] == true }

    /// The id of the key the store holds for `name`.
    func storedKey(_ name: String = "payments") -> String? {
        let snapshot = state
        let secret = snapshot.store[name] ?? FakeProvider.oldSecret
        return snapshot.secrets.first { $0.value == secret }?.key
    }

    /// Every secret the provider ever issued, the old one included.
    var allSecrets: [[UInt8]] { Array(state.secrets.values) }

    func run(
        _ command: RotationCommand, stdin: [UInt8]?, timeout: Double, started: (ProcessStart) -> Void
    ) throws -> SubprocessResult {
        try world.withLock { world throws -> SubprocessResult in
            world.calls.append((command.step, command.argv, stdin, command.environment))
            var behaviour = world.behaviours[command.step]
            if case .transient(let count)? = behaviour {
                if count > 0 {
                    world.behaviours[command.step] = .transient(count - 1)
                    return Self.result(75, stderr: "rate limited, try later")
                }
                behaviour = nil
            }
            switch behaviour {
            case .fail(let status)?: return Self.result(status, stderr: "\(command.step.rawValue) refused")
            case .failsFor(let argument)? where command.argv.contains(argument):
                return Self.result(1, stderr: "\(command.step.rawValue) refused for \(argument)")
            case .missing?: throw SubprocessError.notFound(command.argv[0])
            case .leaks(let variant, let status)? where command.argv[1] != "create":
                let secret = world.secrets["key_new\(world.issued)"] ?? FakeProvider.oldSecret
                let text = variant.text(of: secret)
                return Self.result(status, stdout: text + "\n", stderr: "error: " + text + "\n")
            default: break
            }
            var output = Self.result(0)
            let name = command.environment["KEYHOUND_ROTATION_KEY"] ?? "payments"
            let stored = world.store[name] ?? FakeProvider.oldSecret
            switch command.argv[1] {
            case "create":
                if case .prints(let text)? = behaviour { return Self.result(0, stdout: text) }
                if case .returns(let secret, let id, let expires)? = behaviour {
                    if world.keys[id] == nil {
                        world.issued += 1
                        world.keys[id] = true
                        world.secrets[id] = Array(secret.utf8)
                    }
                    let expiry = expires.map { ", \"expires\": \"\($0)\"" } ?? ""
                    return Self.result(0, stdout: "{\"secret\": \"\(secret)\", \"id\": \"\(id)\"\(expiry)}\n")
                }
                world.issued += 1
                let id = "key_new\(world.issued)"
                let secret = Array(("fake" + "_new\(world.issued)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")).utf8)
                world.keys[id] = true
                world.secrets[id] = secret
                switch behaviour {
                case .leaks(let variant, let status)?:
                    let json = "{\"secret\": \"\(String(decoding: secret, as: UTF8.self))\", \"id\": \"\(id)\"}\n"
                    return Self.result(status, stdout: json, stderr: "failed after all: " + variant.text(of: secret) + "\n")
                case .makesKeyPrintsGarbage?: output = Self.result(0, stdout: "Key created! Check the console.")
                case .printsRawSecret?: output = Self.result(0, stdout: String(decoding: secret, as: UTF8.self) + "\n")
                default:
                    output = Self.result(0, stdout: "{\"secret\": \"\(String(decoding: secret, as: UTF8.self))\", \"id\": \"\(id)\"}\n")
                }
            case "put":
                guard let stdin, !stdin.isEmpty else { return Self.result(1, stderr: "nothing on stdin") }
                world.store[name] = stdin
            case "verify":
                let expected = command.argv.last ?? ""
                let holder = world.secrets.first { $0.value == stored }?.key
                guard holder == expected, world.keys[expected] == true else {
                    return Self.result(1, stderr: "store holds \(holder ?? "nothing"), not \(expected)")
                }
                if let stdin, !stdin.isEmpty, stdin != stored { return Self.result(1, stderr: "stdin is not the stored secret") }
            case "revoke":
                let id = command.argv.last ?? ""
                guard world.keys[id] != nil else { return Self.result(1, stderr: "no key \(id)") }
                world.keys[id] = false
            case "notify":
                world.notifications.append(Array(command.argv.dropFirst(2)))
            default:
                return Self.result(64, stderr: "unknown command")
            }
            if behaviour == .timeout { return SubprocessResult(status: 143, stdout: [], stderr: [], timedOut: true, signal: 15) }
            return output
        }
    }

    private static func result(_ status: Int32, stdout: String = "", stderr: String = "") -> SubprocessResult {
        SubprocessResult(status: status, stdout: Array(stdout.utf8), stderr: Array(stderr.utf8), timedOut: false)
    }

    /// An inventory whose keys rotate with the fake's commands.
    static func inventory(
        keys: [(name: String, extra: String)] = [("payments", "")], grace: String? = "24h", notify: Bool = true,
        rotationExtra: String = ""
    ) -> String {
        let fingerprint = Fingerprint.of(oldSecret)
        var text = "# test inventory\n"
        for (name, extra) in keys {
            text += """

                [[keys]]
                name = "\(name)"
                fingerprint = "\(fingerprint)"
                provider_id = "key_old"
                owner = "finance-team"
                rotation_frequency = "30d"
                last_rotated = 2026-01-01T00:00:00Z
                \(extra)

                [keys.rotation]
                create = ["fake", "create", "--label", "{name}-{date}-{rotation_id}"]
                distribute = ["fake", "put", "{name}"]
                verify = ["fake", "verify", "{new_provider_id}"]
                revoke = ["fake", "revoke", "{provider_id}"]
                \(notify ? "notify = [\"fake\", \"notify\", \"{name}\", \"{outcome}\"]" : "")
                \(grace.map { "grace = \"\($0)\"" } ?? "")
                \(rotationExtra)

                """
        }
        return text
    }
}
