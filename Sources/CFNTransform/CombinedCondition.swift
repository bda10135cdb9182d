import CFNTemplate

/// A template condition true when any of several conditions is (the translator's combined
/// conditions): `Fn::Or` of at most 10, chained through numbered conditions past that.
enum CombinedCondition {
    static let maxPerOr = 10

    static func make(_ names: [String], named name: String, at range: SourceRange) -> [Mapping.Entry] {
        var list = names
        var out: [Mapping.Entry] = []
        var remaining = Int(((Double(list.count - 1)) / Double(maxPerOr - 1)).rounded(.up)) - 1
        while list.count > 1 {
            var newName = name
            if remaining > 0 {
                newName = name + String(remaining)
                remaining -= 1
            }
            let chunk = Array(list.prefix(maxPerOr))
            list = Array(list.dropFirst(maxPerOr)) + [newName]
            let or = Node.object([("Fn::Or", .list(chunk.map { .object([("Condition", .string($0, range: range))], at: range) }, range: range))], at: range)
            out.append(.init(key: MappingKey(newName, range: range), value: or))
        }
        return out
    }

    /// `{"Fn::If": [condition, value, {"Ref": "AWS::NoValue"}]}`.
    static func wrap(_ value: Node, in condition: String, at range: SourceRange) -> Node {
        .object([("Fn::If", .list([.string(condition, range: range), value, .ref("AWS::NoValue", at: range)], range: range))], at: range)
    }
}
