/// Offset date-times, local date-times, local dates and local times (RFC 3339 profiles).
extension TOMLScanner {
    /// Reads a value starting `YYYY-`: a local date, or with a time after `T`, `t` or a space,
    /// a local or offset date-time.
    mutating func parseDateOrDateTime() throws(TOMLError) -> TOMLValue {
        let start = index
        guard let year = readDigits(4), consume(.minus), let month = readDigits(2), consume(.minus),
            let day = readDigits(2)
        else {
            throw error(
                "invalid date \(quotedText(from: start, to: tokenEnd(from: start))): expected YYYY-MM-DD", at: start)
        }
        guard (1...12).contains(month) else { throw error("invalid date: month \(month) is not 1-12", at: start) }
        let days = Self.daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            throw error(
                "invalid date: day \(day) is not 1-\(days) for \(Self.pad(year, 4))-\(Self.pad(month, 2))", at: start)
        }
        let dateText = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        let hasTime: Bool
        switch peek() {
        case UInt8(ascii: "T"), UInt8(ascii: "t"): hasTime = true
        case .space: hasTime = peek(1)?.isDigit == true
        default: hasTime = false
        }
        guard hasTime else {
            return .localDate(TOMLDateTime(year: year, month: month, day: day, text: dateText))
        }
        index += 1
        let time = try parseLocalTime()
        var dateTime = TOMLDateTime(
            year: year, month: month, day: day, hour: time.hour, minute: time.minute,
            second: time.second, nanosecond: time.nanosecond, text: dateText + "T" + time.text)
        guard let offset = try parseOffset() else { return .localDateTime(dateTime) }
        dateTime.offsetMinutes = offset
        dateTime.text += offset == 0 ? "Z" : Self.offsetText(offset)
        return .offsetDateTime(dateTime)
    }

    /// Reads `HH:MM:SS` with an optional fraction (seconds are required in TOML 1.0).
    mutating func parseLocalTime() throws(TOMLError) -> TOMLDateTime {
        let start = index
        guard let hour = readDigits(2), consume(.colon), let minute = readDigits(2), consume(.colon),
            let second = readDigits(2)
        else {
            throw error(
                "invalid time \(quotedText(from: start, to: tokenEnd(from: start))): expected HH:MM:SS"
                    + " (seconds are required)", at: start)
        }
        guard hour <= 23 else { throw error("invalid time: hour \(hour) is not 0-23", at: start) }
        guard minute <= 59 else { throw error("invalid time: minute \(minute) is not 0-59", at: start) }
        guard second <= 60 else { throw error("invalid time: second \(second) is not 0-60", at: start) }
        var text = "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))"
        var nanosecond = 0
        if peek() == .dot {
            index += 1
            let fractionStart = index
            while let byte = peek(), byte.isDigit { index += 1 }
            guard index > fractionStart else {
                throw error("invalid time: a decimal point in the seconds must be followed by digits")
            }
            let kept = min(index - fractionStart, 9)
            for offset in 0..<9 {
                nanosecond = nanosecond * 10 + (offset < kept ? Int(bytes[fractionStart + offset] - 0x30) : 0)
            }
            text += "." + self.text(from: fractionStart, to: fractionStart + kept)
        }
        return TOMLDateTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond, text: text)
    }

    /// Reads `Z`, `z` or `±HH:MM` and returns the offset in minutes; nil when none follows.
    private mutating func parseOffset() throws(TOMLError) -> Int? {
        guard let byte = peek() else { return nil }
        if byte | 0x20 == UInt8(ascii: "z") {
            index += 1
            return 0
        }
        guard byte == .plus || byte == .minus else { return nil }
        let start = index
        index += 1
        guard let hours = readDigits(2), consume(.colon), let minutes = readDigits(2) else {
            throw error("invalid time offset: expected +HH:MM or -HH:MM", at: start)
        }
        guard hours <= 23, minutes <= 59 else {
            throw error(
                "invalid time offset \(quotedText(from: start, to: index)): hours must be 0-23 and minutes 0-59",
                at: start)
        }
        let total = hours * 60 + minutes
        return byte == .minus ? -total : total
    }

    /// Reads exactly `count` digits as a number; nil (cursor unspecified) otherwise.
    private mutating func readDigits(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let byte = peek(), byte.isDigit else { return nil }
            value = value * 10 + Int(byte - 0x30)
            index += 1
        }
        if let byte = peek(), byte.isDigit { return nil }
        return value
    }

    /// Consumes `byte` if it is next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// The end of the run of date-ish bytes from `start`, for quoting a bad value.
    private func tokenEnd(from start: Int) -> Int {
        var end = start
        while end < bytes.count,
            bytes[end].isDigit || bytes[end].isLetter || bytes[end] == .minus || bytes[end] == .colon
                || bytes[end] == .dot || bytes[end] == .plus
        {
            end += 1
        }
        return end
    }

    /// Days in `month` of `year` (Gregorian leap years).
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `value` zero-padded to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `+HH:MM` or `-HH:MM` for an offset in minutes.
    static func offsetText(_ minutes: Int) -> String {
        let magnitude = abs(minutes)
        return (minutes < 0 ? "-" : "+") + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
    }
}
