import HoundEngine
import HoundRegex
import HoundRules
import Testing

/// A user rule whose regex does not compile is refused with `FILE:LINE:COLUMN` pointing at the
/// regex's value, the rule's id, the reason and the byte offset in the pattern; one too large
/// after expanding its repetitions names its size and the limit.
@Suite struct RuleRegexErrorTests {
    /// The error `text` gets as a configuration file named `file`, from decoding to compiling.
    func error(_ text: String, file: String, gitleaks: Bool = false) -> String? {
        do {
            let config = try Configuration.decode(text, file: file, isGitleaks: gitleaks)
            _ = try CompiledRules(RuleSet(rules: config.rules, allowlists: config.allowlists))
            return nil
        } catch {
            return error.description
        }
    }

    @Test func invalidRegexPointsAtTheValue() {
        let text = """
            # rules
            [[rules]]
            id = "acme-token"
            description = "ACME"
            regex = '''acme_(?=[a-z]{8})'''
            keywords = ["acme_"]
            """
        #expect(
            error(text, file: "config.toml")
                == "config.toml:5:9: rule \"acme-token\": invalid regex: lookahead (?=...) is not supported: "
                + "keyhound's regex engine is linear-time (RE2 syntax) at offset 5")
    }

    @Test func oddSpacingQuotedKeysAndInlineTablesStillPointAtTheValue() {
        #expect(
            error("[[rules]]\nid = \"a\"\n  regex\t=   \"(a\"\n", file: "c.toml")
                == "c.toml:3:13: rule \"a\": invalid regex: missing closing ) for the group opened here at offset 0")
        #expect(
            error("[[rules]]\nid = \"b\"\n\"regex\" = 'a{2,1}'\n", file: "c.toml")
                == "c.toml:3:11: rule \"b\": invalid regex: invalid repeat count {2,1}: maximum is below minimum at offset 1"
        )
        #expect(
            error("rules = [{ id = \"c\", regex = 'x**' }]\n", file: "c.toml")
                == "c.toml:1:30: rule \"c\": invalid regex: invalid nested repetition operator ** at offset 1")
    }

    @Test func gitleaksRulesPointAtTheValueToo() {
        let text = """
            title = "team rules"
            [[rules]]
            id = "team-token"
            regex = '''team_[a-z]{8}\\1'''
            secretGroup = 0
            """
        #expect(
            error(text, file: ".gitleaks.toml", gitleaks: true)
                == ".gitleaks.toml:4:9: rule \"team-token\": invalid regex: backreference \\1 is not supported: "
                + "keyhound's regex engine is linear-time (RE2 syntax) at offset 13")
    }

    @Test func invalidPathRegexNamesThePathField() {
        let text = "[[rules]]\nid = \"p\"\nregex = 'a'\npath = '''(\\.tf$'''\n"
        #expect(
            error(text, file: "c.toml")
                == "c.toml:4:8: rule \"p\": invalid path regex: missing closing ) for the group opened here at offset 0"
        )
    }

    @Test func invalidAllowlistRegexPointsAtItsList() {
        let text = "[allowlist]\ndescription = \"fixtures\"\nregexes = ['''ok''', '''(?<=x)y''']\n"
        let message = error(text, file: "c.toml") ?? ""
        #expect(message.hasPrefix("c.toml:3:11: global allowlist: invalid regex \"(?<=x)y\": lookbehind"), "\(message)")
        #expect(message.hasSuffix("at offset 0"), "\(message)")
    }

    @Test func blowUpPatternIsRefusedWithItsSizeAndTheLimit() {
        let text = """
            [[rules]]
            id = "my-rule"
            regex = '''(?:[a-z0-9]{1,100}){1,100}@'''
            keywords = ["@"]
            """
        #expect(
            error(text, file: "config.toml")
                == "config.toml:3:9: rule \"my-rule\": regex too large after expanding repetitions "
                + "(20,000 instructions; limit 5,000)")
    }

    @Test func nestedRepetitionBeyondAnyCountSaysSo() {
        let text = "[[rules]]\nid = \"huge\"\nregex = '((a{1000}){1000}){1000}'\n"
        #expect(
            error(text, file: "c.toml")
                == "c.toml:3:9: rule \"huge\": regex too large after expanding repetitions "
                + "(1,002,002,000 instructions; limit 5,000)")
    }

    @Test func largestAllowedPatternCompiles() throws {
        let regex = try CompiledRegex("(?:[a-z0-9]{1,50}){1,50}@")
        #expect(regex.expandedSize == CompiledRegex.sizeLimit)
    }

    /// The limit sits well above every built-in rule (the largest is printed for the notes).
    @Test func builtinRulesStayWellUnderTheSizeLimit() throws {
        var largest: (id: String, size: Int) = ("", 0)
        for rule in BuiltinRules.all where !rule.regex.isEmpty {
            let size = try CompiledRegex(rule.regex).expandedSize
            if size > largest.size { largest = (rule.id, size) }
        }
        print("largest built-in rule: \(largest.id), \(largest.size) instructions (limit \(CompiledRegex.sizeLimit))")
        #expect(largest.size * 2 <= CompiledRegex.sizeLimit, "\(largest.id): \(largest.size)")
    }
}
