import Foundation
import HoundEngine

@testable import HoundCLI

/// One in-process run of the command line, with everything it printed.
struct CLIRun {
    var status: ExitStatus
    var stdout: [UInt8]
    var stderr: [UInt8]

    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }
    /// Both streams, for "the message names X" checks.
    var all: String { out + err }
}

/// Runs `keyhound ARGUMENTS` in-process in `directory`, in ``TestEnvironment/clean`` plus
/// `environment`.
func keyhound(
    _ arguments: [String], in directory: String, environment: [String: String] = [:], stdin: [UInt8] = []
) -> CLIRun {
    var env = TestEnvironment.clean
    env.merge(environment) { $1 }
    let console = Console.captured(stdin: stdin)
    let status = KeyhoundMain.run(arguments: arguments, environment: env, console: console, workingDirectory: directory)
    return CLIRun(status: status, stdout: console.capturedOut ?? [], stderr: console.capturedErr ?? [])
}

/// The environment of every keyhound and binary run of the hardening tests: never the test
/// process's (a git hook running the tests sets `GIT_DIR`, which would make a test scan the
/// package; a developer's `HOME`, caches and `KEYHOUND_*` would change results), but `PATH`, a
/// scratch `HOME` and cache, and git without system or global configuration.
enum TestEnvironment {
    /// A `HOME` of its own for this test process (created once, empty).
    static let home: String = {
        var template = Array("\(NSTemporaryDirectory())/keyhound-home-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { return NSTemporaryDirectory() }
        return String(cString: made)
    }()

    /// ``cleaned(_:home:)`` of this process's environment.
    static let clean = cleaned(ProcessInfo.processInfo.environment, home: home)

    /// What is kept of `inherited`: `PATH` only; the rest is fixed.
    static func cleaned(_ inherited: [String: String], home: String) -> [String: String] {
        [
            "PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": home, "XDG_CACHE_HOME": home + "/.cache",
            "LANG": "C.UTF-8", "TZ": "UTC", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": home + "/.gitconfig",
            "GIT_TERMINAL_PROMPT": "0",
        ]
    }
}

/// Credentials shaped like real ones, assembled at run time (the repository's self-scan stays
/// clean) from a fixed seed, so runs are reproducible. Each is found by a built-in rule at high
/// confidence.
enum KnownSecrets {
    /// A Stripe live secret key (`stripe-secret-key`).
    static let stripe = "sk_" + "live_" + body(seed: 1, count: 28)
    /// A GitHub classic personal access token with a valid CRC-32 tail (`github-pat`).
    static let github: String = {
        let random = Array(body(seed: 2, count: 30).utf8)
        return "gh" + "p_"
            + String(decoding: random + Checksums.base62(Checksums.crc32(random), width: 6), as: UTF8.self)
    }()
    /// An AWS access key id (`aws-access-key-id`).
    static let aws = "AK" + "IA" + body(seed: 3, count: 16, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// Every known secret.
    static let all = [stripe, github, aws]

    /// Lines that hold the secrets the way code does.
    static let sourceText = """
        let stripeKey = "\(stripe)"
        GITHUB_TOKEN=\(github)
        aws_access_key_id = \(aws)

        """

    /// `count` characters from `alphabet`, from a xorshift generator seeded with `seed`.
    static func body(
        seed: UInt64, count: Int, alphabet: String = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    ) -> String {
        let letters = Array(alphabet)
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var out = ""
        for _ in 0..<count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            out.append(letters[Int(state % UInt64(letters.count))])
        }
        return out
    }
}
