import CFNTemplate

/// The resources one SAM resource expands to, in order, plus the attributes they inherit
/// (Condition, DependsOn ...) from it.
struct GeneratedResources {
    private(set) var entries: [Mapping.Entry] = []

    mutating func add(_ logicalId: String, _ node: Node, at range: SourceRange) {
        entries.append(.init(key: MappingKey(logicalId, range: range), value: node))
    }
}
