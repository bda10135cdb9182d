import CFNTemplate

/// Short constructors for the nodes the transform generates; every generated node carries the
/// position of the SAM node it came from, so later layers report findings there.
extension Node {
    static func ref(_ name: String, at range: SourceRange) -> Node {
        .map(Mapping([.init(key: MappingKey("Ref", range: range), value: .string(name, range: range))]), range: range)
    }

    static func getAtt(_ name: String, _ attribute: String, at range: SourceRange) -> Node {
        .map(Mapping([.init(key: MappingKey("Fn::GetAtt", range: range),
                            value: .list([.string(name, range: range), .string(attribute, range: range)], range: range))]),
             range: range)
    }

    static func object(_ pairs: [(String, Node)], at range: SourceRange) -> Node {
        .map(Mapping(pairs.map { .init(key: MappingKey($0.0, range: range), value: $0.1) }), range: range)
    }

    static func resource(_ type: String, _ properties: [(String, Node)], at range: SourceRange) -> Node {
        var pairs: [(String, Node)] = [("Type", .string(type, range: range))]
        if !properties.isEmpty { pairs.append(("Properties", .object(properties, at: range))) }
        return .object(pairs, at: range)
    }
}
