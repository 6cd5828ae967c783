import Foundation
import HoundModel
import Testing

/// `keyhound inventory fingerprint NAME`: gives an imported record (which has no fingerprint)
/// the fingerprint of its secret, read from stdin or `--from-env`, never from argv.
@Suite("inventory fingerprint")
final class InventoryFingerprintTests {
    let sandbox: Sandbox
    let token: String
    let otherToken: String

    /// `keys.toml` imported from YAML: two records without fingerprints, then one registered
    /// with `inventory add`.
    init() throws {
        sandbox = try Sandbox()
        var secrets = FakeSecrets(seed: 77)
        token = secrets.githubToken()
        otherToken = secrets.githubToken()
        try sandbox.write(
            "keys.yaml",
            """
            - name: payments-api
              owner: finance
              consumers: [billing]
            - name: search-api
              owner: search
            """, in: sandbox.root)
        let imported = keyhound(["inventory", "import", "keys.yaml"])
        #expect(imported.status == 0, "\(imported)")
        let added = keyhound(["inventory", "add", "ci-token", "--owner", "ci"], stdin: Array(otherToken.utf8))
        #expect(added.status == 0, "\(added)")
    }

    deinit { sandbox.remove() }

    func keyhound(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:]) -> KeyhoundRun {
        sandbox.keyhound(arguments, in: sandbox.root, stdin: stdin, environment: environment)
    }

    var inventory: String { (try? sandbox.read("keys.toml", in: sandbox.root)) ?? "" }

    @Test("sets the fingerprint from stdin; the key is then known; the file holds no secret")
    func setsFromStdin() throws {
        let before = inventory
        let run = keyhound(["inventory", "fingerprint", "payments-api"], stdin: Array((token + "\n").utf8))
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("set the fingerprint of payments-api (sha256:"), "\(run)")
        let after = inventory
        #expect(after.contains("fingerprint = \"\(Fingerprint.of(Array(token.utf8)))\""), "\(after)")
        #expect(!after.contains(token) && !run.stdout.contains(token) && !run.stderr.contains(token))
        #expect(after.count > before.count)
        let check = keyhound(["inventory", "check"], stdin: Array(token.utf8))
        #expect(check.status == 0 && check.stdout.contains("known key: payments-api"), "\(check)")
        let audit = try JSON.object(keyhound(["inventory", "audit", "--format", "json"]).stdoutBytes)
        let unprinted = (audit["issues"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "no-fingerprint" }
        #expect(unprinted.map { $0["key"] as? String } == ["search-api"])
    }

    @Test("--from-env reads the secret from the named variable")
    func setsFromEnvironment() throws {
        let run = keyhound(
            ["inventory", "fingerprint", "search-api", "--from-env", "SEARCH_KEY"], environment: ["SEARCH_KEY": token])
        #expect(run.status == 0, "\(run)")
        #expect(inventory.contains("\(Fingerprint.of(Array(token.utf8)))"))
        let unset = keyhound(["inventory", "fingerprint", "search-api", "--from-env", "NOT_SET_ANYWHERE"])
        #expect(unset.status == 64 && unset.stderr.contains("NOT_SET_ANYWHERE is not set"), "\(unset)")
    }

    @Test("a secret already registered under another name is refused, and the file is unchanged")
    func duplicateRefused() throws {
        let before = inventory
        let run = keyhound(["inventory", "fingerprint", "payments-api"], stdin: Array(otherToken.utf8))
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("already registered as \"ci-token\""), "\(run)")
        #expect(!run.stderr.contains(otherToken))
        #expect(inventory == before)
    }

    @Test("an unknown name is an error with a suggestion")
    func unknownName() throws {
        let before = inventory
        let run = keyhound(["inventory", "fingerprint", "payment-api"], stdin: Array(token.utf8))
        #expect(run.status == 2, "\(run)")
        #expect(
            run.stderr.contains("no key with this name") && run.stderr.contains("did you mean \"payments-api\"?"),
            "\(run)")
        #expect(inventory == before)
    }

    @Test("the secret is never taken from argv: an extra argument is a usage error, and no stdin means no secret")
    func neverFromArgv() throws {
        let before = inventory
        let extra = keyhound(["inventory", "fingerprint", "payments-api", token])
        #expect(extra.status == 64, "\(extra)")
        #expect(!extra.stderr.contains(token) && !extra.stdout.contains(token))
        let empty = keyhound(["inventory", "fingerprint", "payments-api"])
        #expect(empty.status == 64 && empty.stderr.contains("no secret given"), "\(empty)")
        #expect(inventory == before)
    }

    @Test("--help documents the command")
    func help() {
        let run = keyhound(["inventory", "fingerprint", "--help"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("inventory fingerprint NAME") && run.stdout.contains("--from-env"), "\(run)")
    }
}
