import Foundation
import TOML
import Testing

/// The official toml-test cases for TOML 1.0: every valid file decodes to its tagged JSON,
/// every invalid file is rejected.
///
/// The suite (a checkout of toml-test, not part of this repository) is found through
/// `$TOML_TEST_DIR` (`.ci/run` sets it when the suite sits beside the clone); the test is
/// skipped, with that message, when it is not set or the folder lacks the suite.
@Suite struct ConformanceTests {
    /// Where the suite lives, if it is there (`TOML_TEST_SUITE` is the older name).
    static let suiteDirectory: URL? = {
        let environment = ProcessInfo.processInfo.environment
        return (environment["TOML_TEST_DIR"] ?? environment["TOML_TEST_SUITE"]).map { URL(fileURLWithPath: $0) }
    }()

    /// Whether the suite's file list can be read.
    static var suiteIsPresent: Bool {
        guard let directory = suiteDirectory else { return false }
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent("files-toml-1.0.0").path)
    }

    /// Pass and fail counts for one category such as `valid/string`.
    struct Tally {
        var passed = 0
        var failed = 0
    }

    @Test(
        "toml-test 1.0.0: valid cases decode to the expected JSON, invalid cases are rejected",
        .enabled(if: suiteIsPresent, "toml-test suite not found: set TOML_TEST_DIR to a toml-test checkout; skipped"))
    func suite() throws {
        let directory = try #require(Self.suiteDirectory)
        let list = try String(contentsOf: directory.appendingPathComponent("files-toml-1.0.0"), encoding: .utf8)
        let cases = list.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".toml") }
        var tallies: [String: Tally] = [:]
        var failures: [String] = []
        for path in cases {
            let components = path.split(separator: "/")
            let category = components.count > 2 ? "\(components[0])/\(components[1])" : "\(components[0])/(top level)"
            let problem = try check(path, in: directory)
            if let problem {
                tallies[category, default: Tally()].failed += 1
                failures.append("\(path): \(problem)")
            } else {
                tallies[category, default: Tally()].passed += 1
            }
        }
        var report = ["toml-test 1.0.0 conformance:"]
        for (category, tally) in tallies.sorted(by: { $0.key < $1.key }) {
            report.append("  \(category): \(tally.passed)/\(tally.passed + tally.failed)")
        }
        let passed = tallies.values.reduce(0) { $0 + $1.passed }
        report.append("  total: \(passed)/\(cases.count)")
        print(report.joined(separator: "\n"))
        #expect(failures.isEmpty, "\(failures.count) failing cases:\n\(failures.joined(separator: "\n"))")
    }

    /// Runs one case; nil when it behaves as the suite expects, else what went wrong.
    private func check(_ path: String, in directory: URL) throws -> String? {
        let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(path)))
        if path.hasPrefix("invalid/") {
            do {
                let table = try TOMLParser.parse(bytes: bytes)
                return "accepted an invalid document (\(table.count) top-level keys)"
            } catch {
                return error.position.line >= 1 && error.position.column >= 1 ? nil : "bad position \(error)"
            }
        }
        let jsonURL = directory.appendingPathComponent(String(path.dropLast(5)) + ".json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: jsonURL), options: [.fragmentsAllowed])
        guard let expected = TaggedJSON(json: json) else { return "unreadable expected JSON" }
        do {
            let table = try TOMLParser.parse(bytes: bytes)
            return TaggedJSON(table).difference(from: expected)
        } catch {
            return "rejected: \(error)"
        }
    }
}
