/// Integers, floats, and the dispatch between numbers and date-times.
extension TOMLScanner {
    /// Reads a value that starts with a digit, a sign, `inf` or `nan`: an integer, a float or
    /// a date-time.
    @inline(never)
    mutating func parseNumberOrDateTime() throws(TOMLError) -> TOMLValue {
        if peek(4) == .minus, peek(0)?.isDigit == true, peek(1)?.isDigit == true,
            peek(2)?.isDigit == true, peek(3)?.isDigit == true
        {
            return try parseDateOrDateTime()
        }
        if peek(2) == .colon, peek(0)?.isDigit == true, peek(1)?.isDigit == true {
            return .localTime(try parseLocalTime())
        }
        let start = index
        while index < bytes.count, Self.isNumberByte(bytes[index]) || bytes[index] == .colon { index += 1 }
        if looksLikeDateOrTime(from: start, to: index) {
            throw error(
                "invalid date or time \(quotedText(from: start, to: index)): expected YYYY-MM-DD,"
                    + " HH:MM:SS or YYYY-MM-DDTHH:MM:SS with an optional offset", at: start)
        }
        return try number(from: start, to: index)
    }

    /// Whether a token that is not a valid date-time was probably meant as one: it holds a
    /// colon, or a `-` that is neither a sign nor part of an exponent.
    private func looksLikeDateOrTime(from start: Int, to end: Int) -> Bool {
        guard bytes[start].isDigit else { return false }
        for offset in start + 1..<end {
            if bytes[offset] == .colon { return true }
            if bytes[offset] == .minus, bytes[offset - 1] | 0x20 != UInt8(ascii: "e") { return true }
        }
        return false
    }

    /// Bytes that may appear in a number token: digits, letters (hex digits, prefixes,
    /// exponents, `inf`, `nan`), `_`, `.`, `+`, `-`.
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        byte.isDigit || byte.isLetter || byte == .underscore || byte == .dot || byte == .plus
            || byte == .minus
    }

    /// Interprets the token `start..<end` as an integer or float.
    private mutating func number(from start: Int, to end: Int) throws(TOMLError) -> TOMLValue {
        var cursor = start
        var isNegative = false
        var isSigned = false
        if bytes[cursor] == .plus || bytes[cursor] == .minus {
            isSigned = true
            isNegative = bytes[cursor] == .minus
            cursor += 1
        }
        if matches("inf", from: cursor, to: end) { return .float(isNegative ? -.infinity : .infinity) }
        if matches("nan", from: cursor, to: end) { return .float(.nan) }
        guard cursor < end, bytes[cursor].isDigit else {
            throw error("invalid value \(quotedText(from: start, to: end)) (strings must be in quotes)", at: start)
        }
        if bytes[cursor] == UInt8(ascii: "0"), cursor + 1 < end,
            let radix = Self.radix(prefix: bytes[cursor + 1])
        {
            guard !isSigned else {
                throw error(
                    "invalid integer \(quotedText(from: start, to: end)): hexadecimal, octal and binary integers cannot have a sign",
                    at: start)
            }
            return .integer(try prefixedInteger(from: cursor + 2, to: end, radix: radix, tokenStart: start))
        }

        let integerStart = cursor
        guard scanDigits(&cursor, to: end) else { throw invalidNumber(from: start, to: end) }
        if bytes[integerStart] == UInt8(ascii: "0"), cursor - integerStart > 1 {
            throw error("invalid number \(quotedText(from: start, to: end)): leading zeros are not allowed", at: start)
        }
        var isFloat = false
        if cursor < end, bytes[cursor] == .dot {
            cursor += 1
            guard scanDigits(&cursor, to: end) else {
                throw error(
                    "invalid float \(quotedText(from: start, to: end)): a decimal point must have digits on both sides",
                    at: start)
            }
            isFloat = true
        }
        if cursor < end, bytes[cursor] | 0x20 == UInt8(ascii: "e") {
            cursor += 1
            if cursor < end, bytes[cursor] == .plus || bytes[cursor] == .minus { cursor += 1 }
            guard scanDigits(&cursor, to: end) else {
                throw error("invalid float \(quotedText(from: start, to: end)): the exponent needs digits", at: start)
            }
            isFloat = true
        }
        guard cursor == end else { throw invalidNumber(from: start, to: end) }
        if isFloat {
            var digits = ""
            digits.reserveCapacity(end - start)
            for offset in start..<end where bytes[offset] != .underscore {
                digits.unicodeScalars.append(Unicode.Scalar(bytes[offset]))
            }
            guard let value = Double(digits) else { throw invalidNumber(from: start, to: end) }
            return .float(value)
        }
        return .integer(try decimalInteger(from: integerStart, to: end, isNegative: isNegative, tokenStart: start))
    }

    /// An error for a malformed number, naming the usual culprit when it is an underscore.
    private mutating func invalidNumber(from start: Int, to end: Int) -> TOMLError {
        let token = quotedText(from: start, to: end)
        if token.contains("_") {
            return error("invalid number \(token): an underscore must sit between two digits", at: start)
        }
        return error("invalid number \(token)", at: start)
    }

    /// The radix for the letter after a leading `0`: `x`, `o` or `b` (lower case only).
    private static func radix(prefix: UInt8) -> Int64? {
        switch prefix {
        case UInt8(ascii: "x"): return 16
        case UInt8(ascii: "o"): return 8
        case UInt8(ascii: "b"): return 2
        default: return nil
        }
    }

    /// Whether bytes `from..<to` spell `word` exactly.
    private func matches(_ word: StaticString, from: Int, to: Int) -> Bool {
        guard to - from == word.utf8CodeUnitCount else { return false }
        let pointer = word.utf8Start
        for offset in 0..<word.utf8CodeUnitCount where bytes[from + offset] != pointer[offset] {
            return false
        }
        return true
    }

    /// Advances over `digit *( [_] digit )`; false when there is no digit first or an
    /// underscore is not between digits.
    private func scanDigits(_ cursor: inout Int, to end: Int) -> Bool {
        guard cursor < end, bytes[cursor].isDigit else { return false }
        cursor += 1
        while cursor < end {
            if bytes[cursor].isDigit {
                cursor += 1
            } else if bytes[cursor] == .underscore {
                guard cursor + 1 < end, bytes[cursor + 1].isDigit else { return false }
                cursor += 2
            } else {
                break
            }
        }
        return true
    }

    /// The value of decimal digits (with underscores) `from..<to`, rejecting 64-bit overflow.
    private mutating func decimalInteger(
        from: Int, to end: Int, isNegative: Bool, tokenStart start: Int
    ) throws(TOMLError) -> Int64 {
        var value: Int64 = 0
        for offset in from..<end where bytes[offset] != .underscore {
            let digit = Int64(bytes[offset] - 0x30)
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                isNegative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow && !overflow2 else {
                throw error("integer \(quotedText(from: start, to: end)) does not fit in 64 bits", at: start)
            }
            value = next
        }
        return value
    }

    /// The value of a `0x`, `0o` or `0b` integer's digits `from..<to`.
    private mutating func prefixedInteger(
        from: Int, to end: Int, radix: Int64, tokenStart start: Int
    ) throws(TOMLError) -> Int64 {
        let name = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary"
        var value: Int64 = 0
        var cursor = from
        var expectDigit = true
        while cursor < end {
            let byte = bytes[cursor]
            cursor += 1
            if byte == .underscore {
                guard !expectDigit else { throw invalidNumber(from: start, to: end) }
                expectDigit = true
                continue
            }
            let digit: Int64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int64(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int64(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int64(byte - 0x41 + 10)
            default: digit = radix
            }
            guard digit < radix else {
                throw error(
                    "invalid \(name) integer \(quotedText(from: start, to: end)): \(describeByte(at: cursor - 1)) is not \(radix == 8 ? "an" : "a") \(name) digit",
                    at: start)
            }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            guard !overflow else {
                throw error("integer \(quotedText(from: start, to: end)) does not fit in 64 bits", at: start)
            }
            value = shifted | digit
            expectDigit = false
        }
        guard !expectDigit else {
            throw error(
                "invalid \(name) integer \(quotedText(from: start, to: end)): expected a digit after \(cursor == from ? "the prefix" : "'_'")",
                at: start)
        }
        return value
    }
}
