import HoundRules
import Testing

/// gitleaks configurations keep meaning what they meant: dialect from content, rule patches and
/// aliases, composite rules, ids as gitleaks allows them.
@Suite struct GitleaksConfigurationTests {
    @Test func dialectIsRecognisedFromContentNotName() throws {
        let gitleaksText = "[extend]\nuseDefault = true\n[[rules]]\nid = \"x\"\nregex = 'x_[0-9]+'\nsecretGroup = 0\n"
        let asKeyhoundName = try Configuration.decode(gitleaksText, file: ".keyhound.toml")
        #expect(asKeyhoundName.dialect == .gitleaks)
        #expect(asKeyhoundName.dialectEvidence.contains("useDefault"))
        let keyhoundText = "inventory = \"keys.toml\"\n[[rules]]\nid = \"x\"\nregex = 'x_[0-9]+'\nexamples = []\n"
        #expect(try Configuration.decode(keyhoundText, file: ".gitleaks.toml", hint: .gitleaks).dialect == .keyhound)
        // Nothing either way: the name (hint) decides.
        let neutral = "[[rules]]\nid = \"x\"\nregex = 'x_[0-9]+'\n"
        #expect(try Configuration.decode(neutral, file: "a.toml", hint: .gitleaks).dialect == .gitleaks)
        #expect(try Configuration.decode(neutral, file: "a.toml").dialect == .keyhound)
        #expect(ConfigurationDialect.hint(forPath: "/x/.gitleaks.toml") == .gitleaks)
    }

    @Test func idsWithCapitalsAndSpacesAreAccepted() throws {
        let config = try Configuration.decode(
            "[[rules]]\nid = \"Internal Token\"\nregex = 'it_[0-9]{8}'\nkeywords = [\"it_\"]\n", file: ".gitleaks.toml",
            hint: .gitleaks)
        #expect(config.rules.map(\.id) == ["Internal Token"])
        #expect(throws: RuleError.self) {
            try Configuration.decode("[[rules]]\nid = \" padded\"\nregex = 'a'\n", file: "c.toml", hint: .gitleaks)
        }
    }

    @Test func secretGroupZeroMeansUnsetInGitleaks() throws {
        let config = try Configuration.decode(
            "[[rules]]\nid = \"x\"\nregex = '(a)|(b)'\nsecretGroup = 0\n", file: "g.toml", hint: .gitleaks)
        #expect(config.rules.first?.secretGroup == nil)
    }

    @Test func gitleaksAliasesDisableAndPatchBuiltinRules() throws {
        let config = try Configuration.decode(
            """
            [extend]
            useDefault = true
            disabledRules = ["private-key"]

            [[rules]]
            id = "aws-access-token"
            [[rules.allowlists]]
            paths = ['''^fixtures/''']
            """, file: ".gitleaks.toml", hint: .gitleaks)
        let set = try RuleSet.make(configuration: config)
        #expect(set.warnings.isEmpty)
        #expect(!set.rules.contains { $0.aliases.contains("private-key") })
        let aws = try #require(set.rules.first { $0.id == "aws-access-key-id" })
        #expect(aws.allowlists.first?.paths == ["^fixtures/"])
        #expect(!aws.regex.isEmpty)
        #expect(set.rules.filter { $0.id == "aws-access-token" }.isEmpty)
    }

    @Test func aFullRuleNamedLikeAnAliasReplacesTheBuiltinRules() throws {
        let config = try Configuration.decode(
            "[extend]\nuseDefault = true\n[[rules]]\nid = \"aws-access-token\"\nregex = '(AKIA[A-Z0-9]{16})'\n",
            file: ".gitleaks.toml", hint: .gitleaks)
        let set = try RuleSet.make(configuration: config)
        #expect(!set.rules.contains { $0.id == "aws-access-key-id" })
        #expect(set.rules.filter { $0.id == "aws-access-token" }.count == 1)
    }

    @Test func aPatchThatExtendsNothingIsAnError() throws {
        let config = try Configuration.decode(
            "[[rules]]\nid = \"nothing-here\"\ndescription = \"x\"\n", file: ".gitleaks.toml", hint: .gitleaks)
        #expect(throws: RuleError.self) { try RuleSet.make(configuration: config) }
    }

    @Test func compositeRulesAndSkipReportDecode() throws {
        let config = try Configuration.decode(
            """
            [[rules]]
            id = "primary"
            regex = '''key=([a-z0-9]{12})'''
            [[rules.required]]
            id = "helper"
            withinLines = 2
            withinColumns = 40
            [[rules]]
            id = "helper"
            regex = '''host=([a-z.]+)'''
            skipReport = true
            """, file: ".gitleaks.toml", hint: .gitleaks)
        #expect(config.rules[0].required == [RequiredRule(id: "helper", withinLines: 2, withinColumns: 40)])
        #expect(config.rules[1].skipReport)
        #expect(try RuleSet.make(configuration: config).rules.count == 2)
        var broken = config
        broken.rules.removeLast()
        #expect(throws: RuleError.self) { try RuleSet.make(configuration: broken) }
    }

    @Test func extendingABaseMergesRulesAndAllowlists() throws {
        let base = try Configuration.decode(
            "[[rules]]\nid = \"base-rule\"\nregex = 'b_[0-9]+'\nkeywords = [\"b_\"]\n[allowlist]\npaths = ['^vendor/']\n",
            file: "/repo/base.toml", hint: .gitleaks)
        let child = try Configuration.decode(
            "[extend]\npath = \"base.toml\"\n[[rules]]\nid = \"base-rule\"\nkeywords = [\"bee_\"]\n",
            file: "/repo/.gitleaks.toml", hint: .gitleaks)
        #expect(child.extendPath == "base.toml")
        let merged = try child.extending(base)
        #expect(merged.rules.map(\.id) == ["base-rule"])
        #expect(merged.rules[0].keywords == ["b_", "bee_"])
        #expect(merged.allowlists.count == 1)
        #expect(merged.extendedFiles == ["/repo/base.toml"])
        #expect(!merged.useDefaultRules)
    }

    @Test func everyAliasBelongsToABuiltinRule() {
        let ids = Set(BuiltinRules.all.map(\.id))
        for (id, aliases) in GitleaksAliases.table {
            #expect(ids.contains(id), "alias table names unknown rule \(id)")
            #expect(!aliases.isEmpty)
        }
        #expect(BuiltinRules.all.first { $0.id == "aws-access-key-id" }?.aliases == ["aws-access-token"])
    }
}
