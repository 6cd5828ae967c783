import Testing

@testable import HoundRegex

/// Rules in the shape gitleaks configs use. Secret-looking fixtures are assembled at run time
/// so the repository's own scan stays clean.
@Suite struct GitleaksStyleTests {
    static let rowCount = 12

    static let aws = #"(?i)\b(AKIA[0-9A-Z]{16})\b"#
    static let generic =
        #"(?i)[\w.-]{0,50}?(?:api|key|token|secret)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}([\w.=-]{10,150})(?:[\x60'"\s;]|\\[nr]|$)"#
    static let pem = #"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END"#
    static let github = #"\b(ghp_[A-Za-z0-9]{36})\b"#
    static let slack = #"xox[baprs]-[0-9a-zA-Z-]{10,48}"#

    static let awsBody = "ABCDEFGHIJ" + "KLMNOP"

    @Test func awsAccessKey() throws {
        let regex = try CompiledRegex(Self.aws)
        #expect(notation(regex.firstMatch(in: "key=" + "AKIA" + Self.awsBody + " end")) == "4-24 4-24")
        #expect(notation(regex.firstMatch(in: "akia" + Self.awsBody.lowercased())) == "0-20 0-20")
        #expect(regex.firstMatch(in: "x" + "AKIA" + Self.awsBody) == nil)
        #expect(regex.firstMatch(in: "AKIA" + Self.awsBody + "Q") == nil)
        #expect(regex.requiredLiterals == ["akia"])
    }

    @Test func genericAssignment() throws {
        let regex = try CompiledRegex(Self.generic)
        let value = "abcdefghij" + "1234567890"
        #expect(notation(regex.firstMatch(in: "const api_key = \"\(value)\";")) == "6-38 17-37")
        #expect(notation(regex.firstMatch(in: "token: '" + "ab12cd34ef56gh78" + "'")) == "0-25 8-24")
        #expect(notation(regex.firstMatch(in: "SECRET=" + value)) == "0-27 7-27")
        #expect(regex.firstMatch(in: "api_key = short") == nil)
        #expect(regex.requiredLiterals == ["api", "key", "secret", "token"])
        #expect(regex.canMatchNewline)
    }

    @Test func pemPrivateKey() throws {
        let regex = try CompiledRegex(Self.pem)
        let text = "x\n-----BEGIN RSA " + "PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n"
        #expect(notation(regex.firstMatch(in: text)) == "2-47")
        #expect(regex.firstMatch(in: "-----BEGIN PUBLIC KEY-----\nx\n-----END") == nil)
        #expect(regex.canMatchNewline)
    }

    @Test func githubToken() throws {
        let regex = try CompiledRegex(Self.github)
        let body = String(repeating: "aB3", count: 12)
        #expect(notation(regex.firstMatch(in: "x " + "ghp_" + body + " y")) == "2-42 2-42")
        #expect(regex.firstMatch(in: "x " + "ghp_" + body + "Z") == nil)
        #expect(regex.requiredLiterals == ["ghp_"])
        #expect(!regex.canMatchNewline)
    }

    @Test func slackToken() throws {
        let regex = try CompiledRegex(Self.slack)
        #expect(notation(regex.firstMatch(in: "t=" + "xoxb-" + "1234567890-abcdef")) == "2-24")
        #expect(regex.firstMatch(in: "xoxz-1234567890") == nil)
    }
}
