/// Unicode general categories, a few scripts and simple case-folding orbits, decoded lazily from
/// the generated tables in `UnicodeTables+Generated.swift`.
enum UnicodeTables {
    /// Categories and scripts by name (`L`, `Lu`, `Greek`, `Any`, ...).
    static let classes: [String: RuneSet] = {
        var table: [String: RuneSet] = [:]
        var groups: [String: RuneSet] = [:]
        for (name, encoded) in categoryData {
            let set = decodeRanges(encoded)
            table[name] = set
            if let first = name.first {
                groups[String(first), default: RuneSet()].formUnion(set)
            }
        }
        for (name, set) in groups { table[name] = set }
        for (name, encoded) in scriptData { table[name] = decodeRanges(encoded) }
        table["Any"] = RuneSet(pairs: [(0, RuneSet.maxRune)])
        return table
    }()

    /// Names accepted by `\p{...}`, sorted, for error messages.
    static var classNames: [String] { classes.keys.sorted() }

    /// Sorted `(rune, next rune in its case orbit)` pairs; runes absent fold only to themselves.
    static let foldNext: [(rune: UInt32, next: UInt32)] = {
        var pairs: [(UInt32, UInt32)] = []
        for orbit in foldOrbitData.split(separator: ";") {
            let members = orbit.split(separator: " ").compactMap { UInt32($0, radix: 16) }
            for (index, member) in members.enumerated() {
                pairs.append((member, members[(index + 1) % members.count]))
            }
        }
        return pairs.sorted { $0.0 < $1.0 }.map { (rune: $0.0, next: $0.1) }
    }()

    /// The other members of `rune`'s simple case-folding orbit (empty if it has none).
    static func foldPartners(of rune: UInt32) -> [UInt32] {
        guard let start = foldIndex(of: rune) else { return [] }
        var partners: [UInt32] = []
        var current = foldNext[start].next
        while current != rune {
            partners.append(current)
            guard let index = foldIndex(of: current) else { break }
            current = foldNext[index].next
        }
        return partners
    }

    /// Index of `rune` in `foldNext`, by binary search.
    private static func foldIndex(of rune: UInt32) -> Int? {
        var low = 0
        var high = foldNext.count
        while low < high {
            let mid = (low + high) / 2
            if foldNext[mid].rune < rune { low = mid + 1 } else { high = mid }
        }
        return low < foldNext.count && foldNext[low].rune == rune ? low : nil
    }

    /// First index in `foldNext` whose rune is `>= rune`.
    static func foldLowerBound(_ rune: UInt32) -> Int {
        var low = 0
        var high = foldNext.count
        while low < high {
            let mid = (low + high) / 2
            if foldNext[mid].rune < rune { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Decodes `lo-hi,cp,...` hexadecimal ranges.
    private static func decodeRanges(_ encoded: String) -> RuneSet {
        var pairs: [(UInt32, UInt32)] = []
        for item in encoded.split(separator: ",") {
            let parts = item.split(separator: "-")
            guard let lo = parts.first.flatMap({ UInt32($0, radix: 16) }) else { continue }
            let hi = parts.count > 1 ? UInt32(parts[1], radix: 16) ?? lo : lo
            pairs.append((lo, hi))
        }
        return RuneSet(pairs: pairs)
    }
}
