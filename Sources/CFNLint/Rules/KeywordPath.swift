import CFNTemplate

/// A property location written as cfn-lint writes the places its keyword rules apply to:
/// `Resources/AWS::RDS::DBInstance/Properties/MasterUserPassword`, `*` for every list item.
/// `values(in:)` finds the values there, through `Fn::If` branches (AWS::NoValue dropped), each
/// with the location cfn-lint reports (the key, the list item, or the branch) and the
/// conditions assumed on the way.
struct KeywordPath: Sendable, Hashable {
    let resourceType: String
    /// The steps after `Properties`: a property name, or `*` for each item of a list.
    let steps: [String]

    init(_ text: String) {
        let parts = text.split(separator: "/").map(String.init)
        precondition(parts.count >= 3 && parts[0] == "Resources" && parts[2] == "Properties", "bad keyword path \(text)")
        resourceType = parts[1]
        steps = Array(parts.dropFirst(3))
    }

    struct Value {
        let resource: Resource
        let node: Node
        let location: Location
        let assumptions: [ConditionAssumption]
    }

    func values(in ctx: LintContext) -> [Value] {
        var out: [Value] = []
        for r in ctx.template.resources where r.type == resourceType {
            guard let e = r.node.entry("Properties") else { continue }
            var current = Self.branches(
                e.value, at: Location(e.key.range, [.key("Resources"), .key(r.logicalId), .key("Properties")]),
                r.conditionNode?.text.map { [ConditionAssumption($0, true)] } ?? [])
            for step in steps {
                var next: [TypeSpecific.Branch] = []
                for b in current {
                    if step == "*" {
                        for (i, item) in (b.node.sequence ?? []).enumerated() where !PropertyValidator.isNoValue(item) {
                            let range = item.range.isSynthetic ? b.location.range : item.range
                            next += Self.branches(item, at: Location(range, b.location.path + [.index(i)]), b.assumptions)
                        }
                    } else if let (node, loc) = TypeSpecific.entry(b.node.mapping, step, under: b.location) {
                        next += Self.branches(node, at: loc, b.assumptions)
                    }
                }
                current = next
            }
            out += current.map { Value(resource: r, node: $0.node, location: $0.location, assumptions: $0.assumptions) }
        }
        return out
    }

    /// The values `node` takes through `Fn::If`, each at its own node (cfn-lint's position for
    /// a value in a branch), `AWS::NoValue` branches dropped.
    static func branches(_ node: Node, at loc: Location, _ assumptions: [ConditionAssumption]) -> [TypeSpecific.Branch] {
        guard let fn = node.intrinsic, fn.name == "Fn::If" else {
            return [TypeSpecific.Branch(node: node, location: loc, assumptions: assumptions)]
        }
        guard let args = fn.argument.sequence, args.count == 3, let c = args[0].text else { return [] }
        var out: [TypeSpecific.Branch] = []
        for (i, value) in [(1, true), (2, false)] where !PropertyValidator.isNoValue(args[i]) {
            let range = args[i].range.isSynthetic ? loc.range : args[i].range
            out += branches(args[i], at: Location(range, loc.path + [.key("Fn::If"), .index(i)]),
                            assumptions + [ConditionAssumption(c, value)])
        }
        return out
    }

    /// Whether a property path (`[Resources, Id, Properties, A, 0, B]` without `Fn::If` steps)
    /// of a resource of `type` is this one.
    func matches(type: String, propertyPath: [PathElement]) -> Bool {
        guard type == resourceType, propertyPath.count == steps.count else { return false }
        for (step, element) in zip(steps, propertyPath) {
            switch element {
            case .key(let k): if step != k { return false }
            case .index: if step != "*" { return false }
            }
        }
        return true
    }
}
