import Foundation
import Testing

/// Golden files beside the tests, in `Fixtures/Snapshots`; `RECORD_SNAPSHOTS=1` rewrites them.
enum Snapshot {
    /// The folder holding the fixtures.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The folder holding the golden files.
    static let directory = fixtures.appendingPathComponent("Snapshots")

    /// Whether this run records instead of comparing.
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// Records an issue unless `bytes` equal the golden file `name`.
    static func expect(_ bytes: [UInt8], matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            } catch {
                Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let golden = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "no snapshot \(name); record it with RECORD_SNAPSHOTS=1 swift test --filter HoundReportTests",
                sourceLocation: sourceLocation)
            return
        }
        guard Array(golden) != bytes else { return }
        let expected = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actual = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(expected, actual).enumerated().first { $1.0 != $1.1 }?.offset ?? min(expected.count, actual.count)
        let want = line < expected.count ? String(expected[line]) : "<end>"
        let got = line < actual.count ? String(actual[line]) : "<end>"
        Issue.record(
            """
            \(name) differs from its snapshot at line \(line + 1):
              expected: \(want)
              actual:   \(got)
            re-record with RECORD_SNAPSHOTS=1 swift test --filter HoundReportTests if the change is intended
            """, sourceLocation: sourceLocation)
    }

    /// Every golden file's name and bytes.
    static func all() throws -> [(String, [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map { name in
            (name, Array(try Data(contentsOf: directory.appendingPathComponent(name))))
        }
    }
}
