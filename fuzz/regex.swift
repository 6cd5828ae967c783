// libFuzzer target: the regex parser and the three search paths of the engine.
//
// Input: PATTERN NUL TEXT. A pattern that compiles is searched over the whole text and over a
// window cut from it; the DFA answers (`isMatch`, and `firstMatch`, which runs the forward and
// reverse DFAs and the Pike VM only for captures) must agree with the Pike VM alone, and
// `allMatches` must be Go's FindAll loop over Pike VM matches. Every search is linear, so
// libFuzzer's `-timeout` doubles as the hang detector.
@testable import HoundRegex

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegex(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let split = input.firstIndex(of: 0), split <= 512,
        let pattern = String(validating: input[..<split], as: UTF8.self)
    else { return 0 }
    let text = Array(input[(split + 1)...].prefix(8192))
    guard let regex = try? CompiledRegex(pattern) else { return 0 }
    text.withUnsafeBufferPointer { buffer in
        var ranges = [0..<buffer.count]
        if buffer.count >= 2 {
            // A window whose bounds come from the text itself: assertions must see past it.
            let low = Int(buffer[0]) % buffer.count
            let high = low + Int(buffer[buffer.count - 1]) % (buffer.count - low + 1)
            ranges.append(low..<high)
        }
        for range in ranges { compare(regex, buffer, range, pattern: pattern) }
    }
    return 0
}

private func compare(_ regex: CompiledRegex, _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, pattern: String) {
    let context = "pattern \(pattern.debugDescription) text \(fuzzLiteral(text)) range \(range)"
    let pike = pikeMatch(regex, text, from: range.lowerBound, to: range.upperBound)
    let fast = regex.firstMatch(in: text, range: range)
    fuzzCheck(fast == pike, "firstMatch \(String(describing: fast)) but Pike VM \(String(describing: pike)): \(context)")
    fuzzCheck(
        regex.isMatch(in: text, range: range) == (pike != nil),
        "isMatch disagrees with the Pike VM (\(String(describing: pike))): \(context)")
    if let match = fast {
        fuzzCheck(
            match.range.lowerBound >= range.lowerBound && match.range.upperBound <= range.upperBound,
            "match outside range: \(context)")
        for group in match.groups.dropFirst() {
            guard let group else { continue }
            fuzzCheck(
                group.lowerBound >= match.range.lowerBound && group.upperBound <= match.range.upperBound,
                "group \(group) outside match \(match.range): \(context)")
        }
    }
    let all = regex.allMatches(in: text, range: range)
    fuzzCheck(all.first == fast, "allMatches starts with \(String(describing: all.first)), firstMatch \(String(describing: fast)): \(context)")
    var previousEnd = range.lowerBound
    for match in all {
        fuzzCheck(match.range.lowerBound >= previousEnd && match.range.upperBound <= range.upperBound, "allMatches overlap or leave the range: \(context)")
        previousEnd = match.range.upperBound
    }
    fuzzCheck(all == pikeAllMatches(regex, text, range), "allMatches disagrees with the Pike VM loop: \(context)")
}

private func pikeMatch(_ regex: CompiledRegex, _ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> RegexMatch? {
    regex.pool.withCache { regex.pikeMatch(in: text, start: start, end: end, anchored: false, cache: $0) }
}

/// Go's FindAll loop, driven by the Pike VM only.
private func pikeAllMatches(_ regex: CompiledRegex, _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [RegexMatch] {
    var matches: [RegexMatch] = []
    var position = range.lowerBound
    var previousEnd = -1
    while position <= range.upperBound {
        guard let match = pikeMatch(regex, text, from: position, to: range.upperBound) else { break }
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
