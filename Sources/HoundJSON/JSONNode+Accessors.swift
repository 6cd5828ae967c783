extension JSONNode {
    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let text) = content { return text }
        return nil
    }

    /// The integer, when this is a number without fraction or exponent (or a double that is a
    /// whole number in `Int`'s range, as `1.0` or `2e3`).
    public var intValue: Int? {
        switch content {
        case .int(let number): return number
        case .double(let number):
            guard number.rounded() == number, number >= -9.2e18, number <= 9.2e18 else { return nil }
            return Int(number)
        default: return nil
        }
    }

    /// The number, when this is one (integers as doubles).
    public var doubleValue: Double? {
        switch content {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    /// The Boolean, when this is one.
    public var boolValue: Bool? {
        if case .bool(let flag) = content { return flag }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONNode]? {
        if case .array(let items) = content { return items }
        return nil
    }

    /// The members, when this is an object.
    public var objectValue: [JSONMember]? {
        if case .object(let members) = content { return members }
        return nil
    }

    /// The strings, when this is an array of strings only.
    public var stringsValue: [String]? {
        guard let items = arrayValue else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for item in items {
            guard let text = item.stringValue else { return nil }
            strings.append(text)
        }
        return strings
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = content { return true }
        return false
    }
}
