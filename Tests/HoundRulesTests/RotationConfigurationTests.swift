import HoundModel
import HoundRules
import HoundSupport
import Testing

/// The configuration's `[rotation]` table, decoded with the configuration: typed values, and
/// errors at `file:line:column` with a did-you-mean.
@Suite struct RotationConfigurationTests {
    /// The error text of decoding `text` as `c.toml`, nil when it decodes.
    private func failure(_ text: String) -> String? {
        do {
            _ = try Configuration.decode(text, file: "c.toml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func decodesTimeoutRetriesAndDefaults() throws {
        let config = try Configuration.decode(
            """
            [rotation]
            timeout = "5m"
            retries = 2

            [rotation.defaults.aws]
            create = ["./aws-rotate", "create", "{name}"]
            revoke = ["./aws-rotate", "revoke", "{old_provider_id}"]
            grace = "0s"
            min_secret_bits = 128
            per_consumer = true
            """, file: "c.toml")
        let rotation = try #require(config.rotation)
        #expect(rotation.timeout == (try DurationSpec(parsing: "5m")))
        #expect(rotation.retries == 2)
        let aws = try #require(rotation.defaults["aws"])
        #expect(aws.create == ["./aws-rotate", "create", "{name}"])
        #expect(aws[.revoke] == ["./aws-rotate", "revoke", "{old_provider_id}"])
        #expect(aws.grace == (try DurationSpec(parsing: "0s", allowingZero: true)))
        #expect(aws.minSecretBits == 128 && aws.perConsumer == true && aws.timeout == nil)
        #expect(try Configuration.decode("inventory = \"k.toml\"\n", file: "c.toml").rotation == nil)
    }

    @Test func badValuesAreReportedWhereTheyAre() {
        #expect(failure("[rotation]\ntimeout = 5\n") == "c.toml:2:1: [rotation] timeout must be a duration like \"5m\"")
        #expect(failure("[rotation]\nretries = 101\n") == "c.toml:2:1: [rotation] retries must be 0…100")
        #expect(failure("rotation = 1\n") == "c.toml:1:1: \"rotation\" must be a table")
        #expect(failure("[rotation]\ndefaults = 1\n") == "c.toml:2:1: [rotation.defaults] must be a table")
        #expect(
            failure("[rotation.defaults.aws]\ncreate = []\n")
                == "c.toml:2:1: create must be a non-empty array of strings (argv, run without a shell)")
        #expect(failure("[rotation.defaults.aws]\nretries = -1\n") == "c.toml:2:1: \"retries\" must be 0…100")
        #expect(failure("[rotation.defaults.aws]\nper_consumer = 1\n") == "c.toml:2:1: \"per_consumer\" must be true or false, not integer")
    }

    @Test func unknownFieldsSuggestTheClosest() {
        #expect(failure("[rotation]\nretires = 1\n") == "c.toml:2:1: unknown field \"retires\" in [rotation] (did you mean \"retries\"?)")
        #expect(
            failure("[rotation.defaults.aws]\n  revokee = [\"x\"]\n")
                == "c.toml:2:3: unknown field \"revokee\" in [rotation.defaults.aws] (did you mean \"revoke\"?)")
    }

    @Test func aSecretPastedAsADurationIsNotEchoed() throws {
        let pasted = "gh" + "p_" + String(repeating: "Zq8Lm3Xv0Rt6Kw2Yp9Bn5Hd1", count: 2)
        let text = try #require(failure("[rotation.defaults.aws]\ngrace = \"\(pasted)\"\n"))
        #expect(text.hasPrefix("c.toml:2:1: grace: invalid duration"))
        #expect(!text.contains(pasted))
    }
}
