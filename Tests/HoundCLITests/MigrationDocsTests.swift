import Foundation
import HoundRules
import Testing

/// The README's migration table names every gitleaks key keyhound reads.
@Suite struct MigrationDocsTests {
    @Test func readmeListsEveryGitleaksKey() throws {
        let readme = try String(contentsOfFile: Built.packageRoot + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Migrating from gitleaks").dropFirst().first)
        for key in ["title", "useDefault", "path", "disabledRules", "secretGroup", "entropy", "keywords", "tags",
            "skipReport", "rules.required", "withinLines", "withinColumns", "regexTarget", "targetRules", "condition",
            "commits", "stopwords", "regexes", "paths"]
        {
            #expect(section.contains("`\(key)`") || section.contains(key), "README's migration section lacks \(key)")
        }
        #expect(!readme.contains("../shared/"), "the README points outside the repository")
    }
}
