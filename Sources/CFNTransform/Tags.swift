import CFNTemplate

/// SAM's `Tags` map as CloudFormation's tag list; functions and their roles also get
/// `lambda:createdBy: SAM`.
enum Tags {
    static func lambda(_ node: Node?, at range: SourceRange, errors: inout [TransformError]) -> Node {
        var items: [Node] = [.object([("Key", .string("lambda:createdBy", range: range)), ("Value", .string("SAM", range: range))], at: range)]
        items += list(node, errors: &errors)
        return .list(items, range: range)
    }

    static func list(_ node: Node?, errors: inout [TransformError]) -> [Node] {
        guard let node else { return [] }
        guard let mapping = node.mapping, node.intrinsic == nil else {
            errors.append(TransformError("'Tags' must be a map of strings", at: node.range))
            return []
        }
        return mapping.entries.map { entry in
            .object([("Key", .string(entry.key.name, range: entry.key.range)), ("Value", entry.value)], at: entry.key.range)
        }
    }
}
