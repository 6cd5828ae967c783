import Foundation
import HoundRules
import Testing

/// Checks on this repository itself: it scans clean, and generated files match their sources.
@Suite("this repository")
struct RepositoryTests {
    @Test("the repository scans itself clean with its own .keyhound.toml")
    func selfScan() throws {
        let root = Built.packageRoot
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let isCheckout = FileManager.default.fileExists(atPath: root + "/.git")
        let run = sandbox.keyhound(
            ["scan", root, "--format", "json", "--show-suppressed"] + (isCheckout ? [] : ["--no-git"]), in: root)
        let findings = try run.findings()
        #expect(
            run.status == 0,
            "\(findings.count) findings, first: \(findings.prefix(5).map { "\($0["path"] ?? "?"):\($0["line"] ?? "?") \($0["rule"] ?? "?")" })\n\(run.stderr)"
        )
        #expect(findings.isEmpty)
        // With every rule: a self-scan with fewer rules (or none) proves nothing.
        let rules = sandbox.keyhound(["rules", "list", "--format", "json"], in: root)
        let ruleCount = (try JSONSerialization.jsonObject(with: Data(rules.stdoutBytes)) as? [Any])?.count ?? 0
        #expect(ruleCount >= 295, "\(ruleCount) rules in effect")
        #expect(BuiltinRules.all.count >= 295)
        // Suppressions come only from the allowlisted paths of .keyhound.toml (rule examples and
        // their embedded copy, fuzz seeds), never from an allowlist matching everything.
        let allowlisted = try NSRegularExpression(
            pattern: #"^(patterns/[^/]+\.toml|Sources/HoundRules/BuiltinRules\+Generated\.swift|fuzz/seeds/.*)$"#)
        // (The engine's own drops, placeholders and low entropy among them, are listed too, with
        // their reasons, wherever they are: only allowlist suppressions are checked here.)
        let suppressed = (try run.json()["suppressed"] as? [[String: Any]] ?? []).filter {
            ($0["suppressed_by"] as? String ?? "").contains("allowlist")
        }
        #expect(!suppressed.isEmpty, "the rule examples are found (and suppressed by path)")
        for entry in suppressed {
            let path = String((entry["path"] as? String ?? "").dropFirst(root.count + 1))
            let range = NSRange(path.startIndex..., in: path)
            #expect(allowlisted.firstMatch(in: path, range: range) != nil, "suppressed outside the allowlist: \(path)")
        }
        // The files scanned are the tracked (and untracked, not ignored) files, binaries skipped.
        let summary = try run.json()["summary"] as? [String: Any] ?? [:]
        let scanned = (summary["files_scanned"] as? Int ?? 0) + (summary["skipped_binary"] as? Int ?? 0)
        if isCheckout {
            let listed = try sandbox.git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], in: root)
            #expect(scanned == listed.split(separator: "\0").count, "scanned \(scanned) files")
        }
        #expect(scanned > 100)
    }

    @Test("HookScripts+Generated.swift is what keyhound-embed makes of hooks/*")
    func generatedHooks() throws {
        let root = Built.packageRoot
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/hooks").filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(names.contains("pre-commit") && names.contains("pre-push"))
        let files = try names.map {
            (name: $0, text: try String(contentsOfFile: root + "/hooks/" + $0, encoding: .utf8))
        }
        let expected = EmbeddedSource.resources(typeName: "HookScripts", files: files, generator: "hooks/*")
        let current = try String(
            contentsOfFile: root + "/Sources/HoundCLI/HookScripts+Generated.swift", encoding: .utf8)
        #expect(current == expected, "stale: run 'swift run keyhound-embed' at the package root")
    }

    @Test("the hooks are POSIX sh that parse (sh -n), and .pre-commit-hooks.yaml names keyhound's hooks")
    func hookSyntax() throws {
        let root = Built.packageRoot
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        for name in ["pre-commit", "pre-push"] {
            let check = try sandbox.spawn("/bin/sh", ["-n", root + "/hooks/" + name], in: root)
            #expect(check.succeeded, "\(name): \(check.stderrText)")
            let text = try String(contentsOfFile: root + "/hooks/" + name, encoding: .utf8)
            #expect(text.hasPrefix("#!/bin/sh\n"))
        }
        let manifest = try String(contentsOfFile: root + "/.pre-commit-hooks.yaml", encoding: .utf8)
        #expect(manifest.contains("id: keyhound\n"))
        #expect(manifest.contains("keyhound scan --staged"))
    }
}
