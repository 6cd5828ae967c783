import Foundation
import Testing

/// The shipped binary stays small (issue 14: ≤ 25 MB stripped) only while no target links full
/// Foundation on Linux: its ICU data, networking and XML are ~45 MB of it. Every source imports
/// `FoundationEssentials` where that module exists, as `docs/architecture.md` says.
@Suite("no target imports full Foundation")
struct FoundationImportTests {
    @Test("every import of Foundation in Sources is the fallback of a canImport(FoundationEssentials) guard")
    func foundationOnlyAsFallback() throws {
        let sources = Built.packageRoot + "/Sources"
        let files = try #require(FileManager.default.enumerator(atPath: sources)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100, "the sources were found")
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated()
            where line.trimmingCharacters(in: .whitespaces) == "import Foundation" {
                let guarded = index >= 3 && lines[index - 1].trimmingCharacters(in: .whitespaces) == "#else"
                    && lines[index - 3].trimmingCharacters(in: .whitespaces) == "#if canImport(FoundationEssentials)"
                if !guarded { offenders.append("Sources/\(file):\(index + 1)") }
            }
        }
        #expect(offenders.isEmpty, "import FoundationEssentials behind #if canImport(FoundationEssentials) instead: \(offenders)")
    }
}
