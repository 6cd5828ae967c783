/// Where ``JSONWriter`` puts its bytes: a `[UInt8]`, or a type that passes them on (a file, a
/// pipe) so long reports stream instead of growing in memory.
public protocol JSONByteSink {
    /// Appends one byte.
    mutating func append(_ byte: UInt8)
    /// Appends bytes in order.
    mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8
}

extension Array: JSONByteSink where Element == UInt8 {}
