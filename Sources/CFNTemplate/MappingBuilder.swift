/// A mapping while a loader reads it: its entries in order, and where each key first appears, found
/// by a linear scan while the mapping is small and through a dictionary once it is large enough
/// (a `Resources` section with thousands of keys). The finished `Mapping` keeps that dictionary as
/// its lookup index instead of building it again.
struct MappingBuilder {
    private(set) var entries: [Mapping.Entry] = []
    private var firstIndex: [String: Int]?

    init(reservingCapacity capacity: Int = 0) {
        entries.reserveCapacity(capacity)
    }

    /// Where `name` first appears, if it does. (Inlined, as `append` is: they run once per key loaded.)
    @inline(__always) func index(of name: String) -> Int? {
        if let firstIndex { return firstIndex[name] }
        return entries.firstIndex { $0.key.name == name }
    }

    @inline(__always) mutating func append(_ entry: Mapping.Entry) {
        if firstIndex != nil, firstIndex![entry.key.name] == nil {
            firstIndex![entry.key.name] = entries.count
        }
        entries.append(entry)
        if firstIndex == nil, entries.count > Mapping.indexThreshold {
            var index: [String: Int] = [:]
            for (i, e) in entries.enumerated() where index[e.key.name] == nil { index[e.key.name] = i }
            firstIndex = index
        }
    }

    func build() -> Mapping { Mapping(entries: entries, firstIndex: firstIndex) }
}
