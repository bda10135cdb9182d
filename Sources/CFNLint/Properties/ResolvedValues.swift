import CFNSchema
import CFNTemplate

/// The values an intrinsic function can take for the linter, as cfn-lint resolves them: parameter
/// defaults, pseudo parameters of the linted region (account 123456789012, stack `teststack`),
/// both branches of each `Fn::If`, mapping values, the availability zones of the region.
/// A result of `[]` means unknowable (a resource id, an attribute, a parameter without default,
/// a value a condition depends on ...); such values are never judged.
struct ValueResolver {
    let template: Template
    let schemas: SchemaRegistry
    let region: String
    /// Parameters tested by conditions: their value decides branches, so they are not resolved.
    let conditionParameters: Set<String>
    /// Most candidate values kept for one function (Fn::If and lists multiply them).
    var limit = 64

    /// Every value the node can take, or `[]` when any part is unknowable.
    func resolve(_ node: Node, depth: Int = 0) -> [Node] {
        guard depth < 12 else { return [] }
        switch node.value {
        case .scalar: return [node]
        case .sequence(let items):
            var combos: [[Node]] = [[]]
            for item in items {
                let values = resolve(item, depth: depth + 1)
                if values.isEmpty { return [] }
                combos = Array(combos.lazy.flatMap { c in values.map { c + [$0] } }.prefix(limit))
            }
            return combos.map { Node.list($0, range: node.range) }
        case .mapping:
            guard let fn = PropertyValidator.function(node) else { return [node] }
            return resolveFunction(fn.name, fn.argument, depth: depth + 1)
        }
    }

    private func resolveFunction(_ name: String, _ arg: Node, depth: Int) -> [Node] {
        switch name {
        case "Ref":
            guard let target = arg.text else { return [] }
            return refValues(target)
        case "Fn::If":
            guard let args = arg.sequence, args.count == 3 else { return [] }
            return Array((resolve(args[1], depth: depth) + resolve(args[2], depth: depth)).prefix(limit))
        case "Fn::Join": return join(arg, depth: depth)
        case "Fn::Sub": return sub(arg, depth: depth)
        case "Fn::FindInMap": return findInMap(arg, depth: depth)
        case "Fn::Select": return select(arg, depth: depth)
        case "Fn::Split": return split(arg, depth: depth)
        case "Fn::GetAZs": return getAZs(arg, depth: depth)
        default: return []
        }
    }

    /// The text of a scalar value (strings, numbers; not booleans or null).
    private static func text(_ node: Node) -> String? {
        guard let s = node.scalar else { return nil }
        switch s.resolved.kind {
        case .string, .integer, .float: return s.text
        default: return nil
        }
    }

    private static let partition = "aws"

    func refValues(_ name: String) -> [Node] {
        switch name {
        case "AWS::AccountId": return [.string("123456789012")]
        case "AWS::StackName": return [.string("teststack")]
        case "AWS::Region": return [.string(region)]
        case "AWS::Partition": return [.string(Self.partition(region))]
        case "AWS::URLSuffix": return [.string(region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com")]
        case "AWS::StackId":
            return [.string("arn:\(Self.partition(region)):cloudformation:\(region):123456789012:stack/teststack/51af3dc0-da77-11e4-872e-1234567db123")]
        case "AWS::NotificationARNs":
            return [.list([.string("arn:\(Self.partition(region)):sns:\(region):123456789012:notification")])]
        case "AWS::NoValue": return []
        default: break
        }
        guard let p = template.parameter(name), let type = p.type, !type.hasPrefix("AWS::SSM::"),
              !conditionParameters.contains(name), let d = p.defaultValue, let value = Self.text(d) else { return [] }
        if type == "CommaDelimitedList" || type.hasPrefix("List<") {
            return [.list(value.split(separator: ",", omittingEmptySubsequences: false).map {
                .string($0.trimmingCharacters(in: .whitespaces))
            })]
        }
        return [.string(value)]
    }

    static func partition(_ region: String) -> String {
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        if region.hasPrefix("cn-") { return "aws-cn" }
        return "aws"
    }

    private func strings(_ node: Node, depth: Int) -> [String] {
        resolve(node, depth: depth).compactMap(Self.text)
    }

    private func join(_ arg: Node, depth: Int) -> [Node] {
        guard let args = arg.sequence, args.count == 2 else { return [] }
        var out: [Node] = []
        for delimiter in strings(args[0], depth: depth) {
            for list in resolve(args[1], depth: depth) {
                guard let items = list.sequence else { continue }
                let texts = items.compactMap(Self.text)
                guard texts.count == items.count else { return [] }
                out.append(.string(texts.joined(separator: delimiter)))
                if out.count >= limit { return out }
            }
        }
        return out
    }

    private func sub(_ arg: Node, depth: Int) -> [Node] {
        let string: String
        var variables: [String: [String]] = [:]
        if let s = arg.text, arg.scalar != nil {
            string = s
        } else if let args = arg.sequence, args.count == 2, let s = args[0].text, let vars = args[1].mapping {
            string = s
            for e in vars.entries {
                let values = strings(e.value, depth: depth)
                if values.isEmpty { return [] }
                variables[e.key.name] = values
            }
        } else {
            return []
        }
        // Variables `${Name}` (not `${!Literal}`), in order of first use.
        var names: [String] = []
        var pieces: [(literal: String, variable: String?)] = []
        var rest = Substring(string)
        while let open = rest.range(of: "${") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = String(after[..<close])
            if name.hasPrefix("!") || name.isEmpty {
                pieces.append((String(rest[..<after.index(after: close)]), nil))
            } else {
                pieces.append((String(rest[..<open.lowerBound]), name.trimmingCharacters(in: .whitespaces)))
                if !names.contains(pieces.last!.variable!) { names.append(pieces.last!.variable!) }
            }
            rest = after[after.index(after: close)...]
        }
        pieces.append((String(rest), nil))
        var choices: [[String]] = []
        for n in names {
            if let v = variables[n] { choices.append(v); continue }
            if n.contains(".") { return [] }  // an attribute: unknowable
            let values = refValues(n).compactMap(Self.text)
            if values.isEmpty { return [] }
            choices.append(values)
        }
        var assignments: [[String: String]] = [[:]]
        for (i, n) in names.enumerated() {
            assignments = Array(assignments.lazy.flatMap { a in choices[i].map { a.merging([n: $0]) { $1 } } }.prefix(limit))
        }
        return assignments.map { a in
            .string(pieces.map { $0.literal + ($0.variable.flatMap { a[$0] } ?? "") }.joined())
        }
    }

    private func findInMap(_ arg: Node, depth: Int) -> [Node] {
        guard let args = arg.sequence, args.count == 3 else { return [] }
        // cfn-lint leaves keys given by pseudo parameters (the region, the account) unresolved.
        for a in args {
            if let f = a.intrinsic, f.name == "Ref", let t = f.argument.text, LintContext.pseudoParameters.contains(t) { return [] }
        }
        var out: [Node] = []
        for mapName in strings(args[0], depth: depth) {
            guard let map = template.mapping(mapName)?.node else { continue }
            for top in strings(args[1], depth: depth) {
                guard let level = map[top] else { continue }
                for second in strings(args[2], depth: depth) {
                    guard let value = level[second] else { continue }
                    out.append(value)
                    if out.count >= limit { return out }
                }
            }
        }
        return out
    }

    private func select(_ arg: Node, depth: Int) -> [Node] {
        guard let args = arg.sequence, args.count == 2 else { return [] }
        var out: [Node] = []
        for index in strings(args[0], depth: depth) {
            guard let i = Int(index), i >= 0 else { continue }
            // A literal list keeps its items' own functions (resolved one by one).
            if let items = args[1].sequence {
                if i < items.count { out += resolve(items[i], depth: depth) }
                continue
            }
            for list in resolve(args[1], depth: depth) {
                guard let items = list.sequence, i < items.count else { continue }
                out += resolve(items[i], depth: depth)
            }
        }
        return Array(out.prefix(limit))
    }

    private func split(_ arg: Node, depth: Int) -> [Node] {
        guard let args = arg.sequence, args.count == 2 else { return [] }
        var out: [Node] = []
        for delimiter in strings(args[0], depth: depth) where !delimiter.isEmpty {
            for source in strings(args[1], depth: depth) {
                out.append(.list(source.components(separatedBy: delimiter).map { .string($0) }))
            }
        }
        return Array(out.prefix(limit))
    }

    private func getAZs(_ arg: Node, depth: Int) -> [Node] {
        var out: [Node] = []
        for r in strings(arg, depth: depth) {
            let zones = schemas.availabilityZones(region: r.isEmpty ? region : r)
            if !zones.isEmpty { out.append(.list(zones.map { .string($0) })) }
        }
        return out
    }
}
