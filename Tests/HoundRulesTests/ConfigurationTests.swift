import HoundRules
import Testing

@Suite struct ConfigurationTests {
    @Test func keyhoundConfigurationDecodes() throws {
        let config = try Configuration.decode(
            """
            inventory = "keys.toml"
            max_file_size = "2MB"
            disabled_rules = ["generic-password"]

            [[rules]]
            id = "acme-token"
            description = "ACME token"
            regex = '''\\b(acme_[a-z0-9]{32})\\b'''
            keywords = ["ACME_"]
            entropy = 3.0

            [allowlist]
            paths = ['''^testdata/''']
            stopwords = ["fixture"]
            """, file: ".keyhound.toml")
        #expect(config.inventory == "keys.toml")
        #expect(config.maxFileSize == 2 << 20)
        #expect(config.rules.map(\.id) == ["acme-token"])
        #expect(config.rules[0].keywords == ["acme_"])
        #expect(config.allowlists.first?.paths == ["^testdata/"])
        #expect(config.useDefaultRules)
    }

    @Test func unknownFieldNamesFileLineColumnAndSuggests() {
        #expect {
            try Configuration.decode("[[rules]]\nid = \"x\"\nregex = 'a'\nkeyword = [\"a\"]\n", file: "c.toml")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("c.toml:4:1:") && text.contains("unknown field \"keyword\"")
                && text.contains("did you mean \"keywords\"")
        }
    }

    @Test func syntaxErrorsCarryPositions() {
        #expect {
            try Configuration.decode("inventory = \n", file: "c.toml")
        } throws: { error in "\(error)".hasPrefix("c.toml:1:") }
    }

    @Test func unknownValidatorIsAnError() {
        #expect {
            try Configuration.decode("[[rules]]\nid = \"x\"\nregex = 'a'\nvalidate = \"github-crc\"\n", file: "c.toml")
        } throws: { error in "\(error)".contains("did you mean \"github-crc32\"") }
    }

    @Test func disablingAnUnknownRuleIsAWarningWithASuggestion() throws {
        let config = try Configuration.decode("disabled_rules = [\"github-patt\"]\n", file: "c.toml")
        let set = try RuleSet.make(configuration: config)
        #expect(set.warnings.count == 1)
        #expect(set.warnings.first?.contains("disabled rule \"github-patt\" does not exist (ignored)") == true)
        #expect(set.warnings.first?.contains("did you mean \"github-pat\"") == true)
        #expect(set.rules.contains { $0.id == "github-pat" })
    }

    @Test func gitleaksConfigurationIsAccepted() throws {
        let config = try Configuration.decode(
            """
            title = "team rules"
            [extend]
            useDefault = true
            disabledRules = ["generic-api-key"]

            [[rules]]
            id = "internal-token"
            description = "Internal token"
            regex = '''(?i)internal_token\\s*=\\s*"([a-z0-9]{24})"'''
            secretGroup = 1
            entropy = 3.5
            keywords = ["internal_token"]
            skipReport = false
            [[rules.allowlists]]
            regexTarget = "line"
            regexes = ['''test''']
            condition = "AND"

            [allowlist]
            description = "global"
            paths = ['''vendor/''']

            [[allowlists]]
            targetRules = ["internal-token"]
            stopwords = ["sample"]
            """, file: ".gitleaks.toml", isGitleaks: true)
        #expect(config.useDefaultRules)
        #expect(config.disabledRules == ["generic-api-key"])
        let rule = try #require(config.rules.first)
        #expect(rule.secretGroup == 1)
        #expect(rule.allowlists.first?.regexTarget == .line)
        #expect(rule.allowlists.first?.requiresAll == true)
        #expect(config.allowlists.count == 2)
        #expect(config.allowlists[1].targetRules == ["internal-token"])
        let set = try RuleSet.make(configuration: config)
        #expect(set.rules.contains { $0.id == "internal-token" })
        #expect(!set.rules.contains { $0.id == "generic-api-key" })
    }

    @Test func gitleaksFileWithoutExtendReplacesDefaults() throws {
        let config = try Configuration.decode(
            "[[rules]]\nid = \"only\"\nregex = '''only_[0-9]+'''\nkeywords = [\"only_\"]\n", file: ".gitleaks.toml",
            isGitleaks: true)
        #expect(try RuleSet.make(configuration: config).rules.map(\.id) == ["only"])
    }

    @Test func userRuleReplacesBuiltinWithSameID() throws {
        let id = try #require(BuiltinRules.all.first?.id)
        let config = try Configuration.decode(
            "[[rules]]\nid = \"\(id)\"\nregex = '''mine_[0-9]+'''\nkeywords = [\"mine_\"]\n", file: "c.toml")
        let set = try RuleSet.make(configuration: config)
        #expect(set.rules.filter { $0.id == id }.map(\.regex) == ["mine_[0-9]+"])
    }
}
