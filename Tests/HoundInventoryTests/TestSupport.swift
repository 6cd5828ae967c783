import Foundation
import HoundModel
import HoundSupport

/// A fresh directory under the system's temporary folder, removed by `remove()`.
struct TemporaryDirectory {
    /// The directory's path, without a trailing slash.
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/keyhound-inventory-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard let made else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    /// `path/name`.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: file(name), atomically: false, encoding: .utf8)
        return file(name)
    }

    /// Reads a file as text (empty when missing).
    func read(_ name: String) -> String { (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? "" }

    /// The names in the directory, sorted.
    func names() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Fake secrets, assembled at run time so the repository's own scan stays clean.
enum FakeSecret {
    /// A deterministic pseudo-random alphanumeric string.
    static func random(_ count: Int, seed: UInt64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var out = ""
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
        }
        return out
    }

    /// A GitHub-classic-token-shaped string.
    static func githubToken(seed: UInt64 = 1) -> String { "gh" + "p_" + random(36, seed: seed) }

    /// A Stripe-live-key-shaped string.
    static func stripeKey(seed: UInt64 = 2) -> String { "sk" + "_live_" + random(24, seed: seed) }

    /// Secret bytes for `add` / `check`.
    static func bytes(_ seed: UInt64) -> [UInt8] { Array(random(40, seed: seed).utf8) }
}

/// A finding for `secret` with the fields the inventory cares about.
func finding(_ secret: [UInt8], rule: String = "github-pat", path: String = "src/app.swift", key: [UInt8]? = nil) -> Finding {
    Finding(
        ruleID: rule, description: "test", location: Location(path: path, line: 3, column: 9, endLine: 3, endColumn: 49),
        secret: secret, fingerprint: Fingerprint.of(secret, key: key), confidence: .high, severity: .high, context: "x = …")
}

/// The instant an ISO 8601 text names (the epoch when it does not parse).
func date(_ text: String) -> Date {
    (try? ISODate.parse(text)) ?? Date(timeIntervalSince1970: 0)
}
