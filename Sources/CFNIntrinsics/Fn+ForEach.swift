import CFNTemplate

/// Expands `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]` loops in the
/// Conditions, Resources and Outputs sections (and anywhere inside them), as the
/// `AWS::LanguageExtensions` transform does. In the key and value, `${Identifier}` becomes the
/// item, `&{Identifier}` the item without non-alphanumeric characters, and `Ref: Identifier` the
/// item. Loops may nest; the total output is bounded.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html
struct ForEachExpander {
    let evaluator: Evaluator
    let limit: Int
    /// CloudFormation allows loops nested five deep.
    static let maxDepth = 5
    private(set) var errors: [EvaluationError] = []
    private var produced = 0
    private var stopped = false

    init(evaluator: Evaluator, limit: Int) {
        self.evaluator = evaluator
        self.limit = limit
    }

    static func containsLoop(_ root: Node) -> Bool {
        ["Conditions", "Resources", "Outputs"].contains { section in root[section].map(hasLoop) ?? false }
    }

    private static func hasLoop(_ node: Node) -> Bool {
        switch node.value {
        case .scalar: return false
        case .sequence(let items): return items.contains(where: hasLoop)
        case .mapping(let m): return m.entries.contains { $0.key.name.hasPrefix("Fn::ForEach::") || hasLoop($0.value) }
        }
    }

    mutating func expandTemplate(_ root: Node) -> Node {
        guard var top = root.mapping else { return root }
        for section in ["Conditions", "Resources", "Outputs"] {
            if let node = top[section], Self.hasLoop(node) { top.set(section, expand(node, depth: 0)) }
        }
        return Node(.mapping(top), range: root.range)
    }

    private mutating func expand(_ node: Node, depth: Int) -> Node {
        switch node.value {
        case .scalar: return node
        case .sequence(let items): return Node(.sequence(items.map { expand($0, depth: depth) }), range: node.range)
        case .mapping(let m):
            guard Self.hasLoop(node) else { return node }
            var out = Mapping()
            for entry in m.entries {
                if entry.key.name.hasPrefix("Fn::ForEach::") {
                    for e in expandLoop(entry, depth: depth + 1) {
                        if out[e.key.name] != nil {
                            errors.append(EvaluationError(.forEach, "\(entry.key.name) produces the key '\(e.key.name)' more than once",
                                                          at: entry.key.range))
                        } else {
                            out.append(e)
                        }
                    }
                } else {
                    out.append(Mapping.Entry(key: entry.key, value: expand(entry.value, depth: depth)))
                }
            }
            return Node(.mapping(out), range: node.range)
        }
    }

    private mutating func expandLoop(_ loop: Mapping.Entry, depth: Int) -> [Mapping.Entry] {
        let name = loop.key.name
        if stopped { return [] }
        guard depth <= Self.maxDepth else {
            errors.append(EvaluationError(.forEach, "\(name) is nested more than \(Self.maxDepth) loops deep", at: loop.key.range))
            return []
        }
        guard let args = loop.value.sequence, args.count == 3 else {
            errors.append(EvaluationError(.wrongArgumentCount, "\(name) takes [Identifier, Collection, {OutputKey: OutputValue}]",
                                          at: loop.value.range))
            return []
        }
        guard let identifier = args[0].text, !identifier.isEmpty, args[0].scalar != nil else {
            errors.append(EvaluationError(.wrongArgumentType, "\(name)'s identifier must be a string", at: args[0].range))
            return []
        }
        guard let fragment = args[2].mapping else {
            errors.append(EvaluationError(.wrongArgumentType, "\(name)'s output must be a mapping {OutputKey: OutputValue}", at: args[2].range))
            return []
        }
        let collection = evaluator.evaluate(args[1])
        guard case .list(let items) = collection.kind else {
            let what = collection.isSymbolic ? "must be known before deployment, but is \(collection.kindName)" : "must be a list, not \(collection.kindName)"
            errors.append(EvaluationError(.forEach, "\(name)'s collection \(what)", at: args[1].range))
            return []
        }
        for e in fragment.entries where !e.key.name.hasPrefix("Fn::ForEach::")
            && !e.key.name.contains("${\(identifier)}") && !e.key.name.contains("&{\(identifier)}") {
            errors.append(EvaluationError(.forEach, "\(name)'s output key '\(e.key.name)' must use ${\(identifier)} or &{\(identifier)}",
                                          at: e.key.range))
            return []
        }
        var out: [Mapping.Entry] = []
        for item in items {
            guard let text = item.scalarText else {
                errors.append(EvaluationError(.forEach, "\(name)'s collection items must be strings, not \(item.kindName)", at: item.range))
                continue
            }
            let substituted = Self.substitute(Node(.mapping(fragment), range: args[2].range), identifier: identifier, value: text)
            // Count the keys this loop makes itself; nested loops count their own.
            produced += fragment.entries.filter { !$0.key.name.hasPrefix("Fn::ForEach::") }.count
            if produced > limit {
                errors.append(EvaluationError(.limitExceeded, "Fn::ForEach loops produce more than \(limit) items; expansion stopped",
                                              at: loop.key.range))
                stopped = true
                return out
            }
            let expanded = expand(substituted, depth: depth)
            out.append(contentsOf: expanded.mapping?.entries ?? [])
            if stopped { return out }
        }
        return out
    }

    static func substitute(_ node: Node, identifier: String, value: String) -> Node {
        let dollar = "${\(identifier)}", amp = "&{\(identifier)}"
        let alphanumeric = String(value.unicodeScalars.filter { ($0.properties.isAlphabetic || $0.properties.numericType != nil) && $0.isASCII }
            .map(Character.init))
        func replace(_ s: String) -> String {
            guard s.contains("{") else { return s }
            return s.replacingOccurrences(of: dollar, with: value).replacingOccurrences(of: amp, with: alphanumeric)
        }
        func walk(_ n: Node) -> Node {
            switch n.value {
            case .scalar(let s):
                guard s.style.isQuoted || s.resolved.kind == .string else { return n }
                var copy = s
                copy.text = replace(s.text)
                return Node(.scalar(copy), range: n.range)
            case .sequence(let items):
                return Node(.sequence(items.map(walk)), range: n.range)
            case .mapping(let m):
                if let (name, argument, _) = n.intrinsic, name == "Ref", argument.text == identifier {
                    return Node.string(value, range: n.range)
                }
                return Node(.mapping(Mapping(m.entries.map {
                    Mapping.Entry(key: MappingKey(replace($0.key.name), range: $0.key.range), value: walk($0.value))
                })), range: n.range)
            }
        }
        return walk(node)
    }
}
