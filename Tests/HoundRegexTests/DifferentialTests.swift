import Foundation
import HoundTestSupport
import Testing

@testable import HoundRegex

/// Differential tests: the engine against a naive backtracker and Python's `re` on portable
/// patterns, and the engine's fast paths (DFA, reverse DFA, acceleration) against its own Pike
/// VM on everything. Seeded, so a failure prints a reproducible pattern and input.
@Suite struct DifferentialTests {
    static let patternCount = 400
    static let inputsPerPattern = 12

    private static func spans(_ match: RegexMatch?) -> [Int]? {
        match.map { $0.groups.flatMap { $0.map { [$0.lowerBound, $0.upperBound] } ?? [-1, -1] } }
    }

    private static func portableCases() -> [(pattern: String, inputs: [[UInt8]])] {
        var generator = PatternGenerator(seed: 20_240_601, wide: false)
        return (0..<patternCount).map { _ in
            (generator.pattern(), (0..<inputsPerPattern).map { _ in generator.input() })
        }
    }

    @Test func engineAgreesWithBacktracker() throws {
        var compared = 0
        for (pattern, inputs) in Self.portableCases() {
            let regex = try CompiledRegex(pattern)
            let node = try RegexParser.parseForTest(pattern)
            for input in inputs {
                let reference = ReferenceBacktracker(node, captureCount: regex.captureCount, text: input).firstMatch()
                let actual = Self.spans(regex.firstMatch(in: input))
                #expect(
                    actual == reference,
                    "pattern \(pattern) input \(String(decoding: input, as: UTF8.self).debugDescription)")
                compared += 1
            }
        }
        print("differential: \(compared) pattern/input pairs agree with the backtracker")
    }

    /// Whether a python3 with `re` runs here; without one the comparison is a recorded skip.
    static let hasPython = runPython("import re, sys; print('ok')", input: "") == "ok\n"

    @Test(.enabled(if: hasPython, "python3 is not installed: the comparison with Python's re cannot run"))
    func engineAgreesWithPythonRe() throws {
        let cases = Self.portableCases()
        var lines: [String] = []
        for (pattern, inputs) in cases {
            for input in inputs {
                let payload = try JSONSerialization.data(withJSONObject: [pattern, input.map(Int.init)])
                lines.append(String(decoding: payload, as: UTF8.self))
            }
        }
        guard let output = Self.runPython(Self.pythonScript, input: lines.joined(separator: "\n") + "\n") else {
            Issue.record("python3 ran a moment ago but failed on the comparison script")
            return
        }
        let answers = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(answers.count >= lines.count)
        var index = 0
        var compared = 0
        for (pattern, inputs) in cases {
            let regex = try CompiledRegex(pattern)
            for input in inputs {
                defer { index += 1 }
                guard index < answers.count else { break }
                let answer = answers[index]
                // Python's \B never matches the empty string; Go's (and ours) does.
                if answer == "error" || (input.isEmpty && pattern.contains(#"\B"#)) { continue }
                let expected = answer == "none" ? nil : answer.split(separator: " ").compactMap { Int($0) }
                let actual = Self.spans(regex.firstMatch(in: input))
                #expect(
                    actual == expected,
                    "pattern \(pattern) input \(String(decoding: input, as: UTF8.self).debugDescription)")
                compared += 1
            }
        }
        print("differential: \(compared) pattern/input pairs agree with Python re")
    }

    @Test func fastPathsAgreeWithPikeVM() throws {
        var generator = PatternGenerator(seed: 77, wide: true)
        var compared = 0
        for _ in 0..<Self.patternCount * 2 {
            let pattern = generator.pattern()
            guard let regex = try? CompiledRegex(pattern) else { continue }
            for _ in 0..<Self.inputsPerPattern {
                let input = generator.input(maxLength: 12)
                input.withUnsafeBufferPointer { text in
                    let lower = text.isEmpty ? 0 : Int.random(in: 0...min(2, text.count), using: &generator.random)
                    let upper = max(
                        lower, text.count - (text.isEmpty ? 0 : Int.random(in: 0...1, using: &generator.random)))
                    let range = lower..<upper
                    let pike = regex.pool.withCache {
                        regex.pikeMatch(
                            in: text, start: range.lowerBound, end: range.upperBound, anchored: false, cache: $0)
                    }
                    let fast = regex.firstMatch(in: text, range: range)
                    let context = "pattern \(pattern) input \(Array(text)) range \(range)"
                    #expect(Self.spans(fast) == Self.spans(pike), "\(context)")
                    #expect(regex.isMatch(in: text, range: range) == (pike != nil), "\(context)")
                    #expect(
                        regex.allMatches(in: text, range: range) == Self.pikeAllMatches(regex, text, range),
                        "\(context)")
                }
                compared += 1
            }
        }
        print("differential: \(compared) wide pattern/input pairs, DFA paths agree with the Pike VM")
    }

    @Test func anchoredStartSearchAgreesWithPikeVM() throws {
        // Match starts found by anchored forward searches (what replaces a reverse DFA that
        // builds too many states), forced on from the first search.
        var generator = PatternGenerator(seed: 99, wide: true)
        var compared = 0
        for _ in 0..<Self.patternCount {
            let pattern = generator.pattern()
            guard let regex = try? CompiledRegex(pattern) else { continue }
            regex.pool.withCache { $0.skipsReverse = true }
            for _ in 0..<Self.inputsPerPattern {
                let input = generator.input(maxLength: 12)
                input.withUnsafeBufferPointer { text in
                    let range = 0..<text.count
                    let pike = regex.pool.withCache {
                        regex.pikeMatch(in: text, start: 0, end: text.count, anchored: false, cache: $0)
                    }
                    let context = "pattern \(pattern) input \(Array(text))"
                    #expect(Self.spans(regex.firstMatch(in: text, range: range)) == Self.spans(pike), "\(context)")
                    #expect(
                        regex.allMatches(in: text, range: range) == Self.pikeAllMatches(regex, text, range),
                        "\(context)")
                }
                compared += 1
            }
            #expect(regex.pool.withCache { $0.skipsReverse })
        }
        print("differential: \(compared) pattern/input pairs, anchored start search agrees with the Pike VM")
    }

    @Test func backtrackerAgreesWithPikeVMOnAnchoredCaptures() throws {
        var generator = PatternGenerator(seed: 123, wide: true)
        var compared = 0
        for _ in 0..<Self.patternCount {
            let pattern = "(" + generator.pattern() + ")"
            guard let regex = try? CompiledRegex(pattern) else { continue }
            for _ in 0..<Self.inputsPerPattern {
                let input = generator.input(maxLength: 12)
                input.withUnsafeBufferPointer { text in
                    for start in 0...text.count {
                        let end = Int.random(in: start...text.count, using: &generator.random)
                        let (pike, backtracked) = regex.pool.withCache { cache in
                            (
                                regex.pikeMatch(in: text, start: start, end: end, anchored: true, cache: cache),
                                regex.captures(in: text, start: start, end: end, cache: cache)
                            )
                        }
                        #expect(
                            backtracked?.groups == pike?.groups,
                            "pattern \(pattern) input \(Array(text)) start \(start) end \(end)")
                        compared += 1
                    }
                }
            }
        }
        print("differential: \(compared) anchored searches, backtracker agrees with the Pike VM")
    }

    @Test func reverseDFAThatKeepsBuildingStatesIsSetAside() throws {
        // generic-secret's shape: reversed, its counted repetitions give nearly every match
        // states of its own. Values vary in length and digit position.
        let regex = try CompiledRegex(
            #"(?i)secret(?:[ \t]*:[ \t]*[\w.<>?\[\]&' ]{1,40}?[ \t]*=[ \t]*|[ \t]*=[ \t]*)["']?((?:[A-Za-z0-9_+/~.-]{15,}[0-9][A-Za-z0-9_+/~.-]*|[A-Za-z_+/~.-]*[0-9][A-Za-z0-9_+/~.-]{15,}|[A-Za-z0-9_+/~.-]{7}[A-Za-z_+/~.-]*[0-9][A-Za-z0-9_+/~.-]{7,})={0,3})"#
        )
        var random = SplitMix64(seed: 5)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-./+~".utf8)
        var text: [UInt8] = []
        for line in 0..<2_000 {
            let annotation = line % 3 == 0 ? ": Some<Type> " : " "
            var value = (0..<Int.random(in: 16...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            value[Int.random(in: 0..<value.count, using: &random)] = UInt8(ascii: "0") + UInt8(line % 10)
            text += Array("x_secret\(annotation)= \"".utf8) + value + Array("\";\n".utf8)
        }
        text.withUnsafeBufferPointer { buffer in
            let range = 0..<buffer.count
            #expect(regex.allMatches(in: buffer, range: range) == Self.pikeAllMatches(regex, buffer, range))
        }
        #expect(regex.pool.withCache { $0.skipsReverse })
    }

    /// Go's FindAll loop, driven by the Pike VM only.
    private static func pikeAllMatches(_ regex: CompiledRegex, _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
        -> [RegexMatch]
    {
        var matches: [RegexMatch] = []
        var position = range.lowerBound
        var previousEnd = -1
        while position <= range.upperBound {
            guard
                let match = regex.pool.withCache({
                    regex.pikeMatch(in: text, start: position, end: range.upperBound, anchored: false, cache: $0)
                })
            else { break }
            var accept = true
            if match.range.upperBound == position {
                accept = match.range.lowerBound != previousEnd
                let width = position < range.upperBound ? ByteSets.sequenceLength(at: position, in: text) : 0
                position += width == 0 || position + width > range.upperBound ? 1 : width
            } else {
                position = match.range.upperBound
            }
            previousEnd = match.range.upperBound
            if accept { matches.append(match) }
        }
        return matches
    }

    static let pythonScript = #"""
        import json, re, sys
        for line in sys.stdin:
            pattern, data = json.loads(line)
            try:
                m = re.search(pattern.encode(), bytes(data))
            except Exception:
                print("error"); continue
            if m is None:
                print("none"); continue
            out = []
            for g in range(0, (m.re.groups or 0) + 1):
                s, e = m.span(g)
                out += [s, e]
            print(" ".join(map(str, out)))
        """#

    private static func runPython(_ script: String, input: String) -> String? {
        let candidates =
            ["/usr/bin/python3", "/usr/local/bin/python3"]
            + ProcessInfo.processInfo.environment["PATH", default: ""]
            .split(separator: ":").map { "\($0)/python3" }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
