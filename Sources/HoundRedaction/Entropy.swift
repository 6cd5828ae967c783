#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shannon entropy of a byte string, in bits per byte.
public enum Entropy {
    /// The Shannon entropy of `bytes` (0 for an empty input).
    public static func shannon<Bytes: Collection>(_ bytes: Bytes) -> Double where Bytes.Element == UInt8 {
        if let entropy = bytes.withContiguousStorageIfAvailable(shannon) { return entropy }
        return Array(bytes).withUnsafeBufferPointer(shannon)
    }

    /// The Shannon entropy of contiguous bytes: the generic loop above, unspecialized across
    /// modules, cost ~450 instructions per byte.
    public static func shannon(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for b in bytes { counts[Int(b)] += 1 }
            let total = Double(bytes.count)
            var entropy = 0.0
            for c in counts where c > 0 {
                let p = Double(c) / total
                entropy -= p * log2(p)
            }
            return entropy
        }
    }
}
