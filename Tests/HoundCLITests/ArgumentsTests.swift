import Testing

@testable import HoundCLI

/// Short options take their value attached (`-j1`) or as the next argument (`-j 1`); long ones
/// after `=` or as the next argument; aliases land under the option's own name.
@Suite struct ArgumentsTests {
    func parse(_ arguments: [String], spec: CommandSpec = ScanCommand.spec) throws(UsageError) -> ParsedArguments {
        try ArgumentParser.parse(arguments, spec: spec)
    }

    @Test(arguments: [["-j1"], ["-j", "1"], ["--jobs", "1"], ["--jobs=1"], ["--workers", "1"], ["--workers=1"]])
    func everySpellingOfTheWorkerCount(_ arguments: [String]) throws {
        let parsed = try parse(arguments + ["src"])
        #expect(parsed.value("workers") == "1")
        #expect(parsed.positionals == ["src"])
    }

    @Test func attachedValuesForEveryShortOptionWithAValue() throws {
        let parsed = try parse(["-fjson", "-oreport.json", "-j16", "."])
        #expect(parsed.value("format") == "json")
        #expect(parsed.value("output") == "report.json")
        #expect(parsed.value("workers") == "16")
        #expect(try parse(["-o", "-"]).value("output") == "-")
        #expect(try parse(["-o-"]).value("output") == "-")
        let baseline = try parse(["-obaseline.json"], spec: BaselineCreateCommand.spec)
        #expect(baseline.value("output") == "baseline.json")
    }

    @Test func aliasAndNameCountAsTheSameOption() {
        #expect(throws: UsageError.self) { try parse(["-j1", "--jobs", "2"]) }
        #expect(throws: UsageError.self) { try parse(["--workers=1", "--jobs=2"]) }
    }

    @Test func stillRefused() {
        let cases: [(arguments: [String], message: String)] = [
            (["-j"], "option '--workers' needs a value N"),
            (["-x1"], "unknown option '-x1'"),
            (["-hx"], "unknown option '-hx'"),
            (["--job", "1"], "unknown option '--job' (did you mean '--jobs'?)"),
        ]
        for (arguments, message) in cases {
            do {
                _ = try parse(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                #expect(error.message == message, "\(arguments)")
            }
        }
    }

    @Test func helpNamesTheAlias() {
        #expect(ScanCommand.spec.help.contains("(also --jobs)"))
    }
}
