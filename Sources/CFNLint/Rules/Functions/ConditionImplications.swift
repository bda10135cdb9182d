import CFNTemplate

/// Whether a set of condition assumptions implies another condition, following `Fn::And`,
/// `Fn::Or`, `Fn::Not` and `Condition` references between named conditions (a cheap stand-in
/// for cfn-lint's solver; `LintHooks.conditionsSatisfiable` refines it when available).
struct ConditionImplications {
    let template: Template

    init(_ template: Template) { self.template = template }

    func holds(_ target: String, given assumptions: [ConditionAssumption]) -> Bool {
        holds(target, assumptions, depth: 0)
    }

    /// Is condition `target` true whenever all `assumptions` hold?
    private func holds(_ target: String, _ assumptions: [ConditionAssumption], depth: Int) -> Bool {
        if depth > 16 { return false }
        if assumptions.contains(where: { implies($0.name, $0.value, target, depth: 0) }) { return true }
        guard let f = template.condition(target)?.node.intrinsic else { return false }
        return exprHolds(f.name, f.argument, assumptions, depth: depth + 1)
    }

    private func exprHolds(_ name: String, _ argument: Node, _ assumptions: [ConditionAssumption], depth: Int) -> Bool {
        switch name {
        case "Condition":
            guard let n = argument.text else { return false }
            return holds(n, assumptions, depth: depth)
        case "Fn::And":
            let items = argument.sequence ?? []
            return !items.isEmpty && items.allSatisfy { item in
                guard let f = item.intrinsic else { return false }
                return exprHolds(f.name, f.argument, assumptions, depth: depth + 1)
            }
        case "Fn::Or":
            return (argument.sequence ?? []).contains { item in
                guard let f = item.intrinsic else { return false }
                return exprHolds(f.name, f.argument, assumptions, depth: depth + 1)
            }
        case "Fn::Equals":
            let text = FunctionChecks.describe(argument)
            return assumptions.contains { a in
                a.value && template.condition(a.name)?.node.intrinsic.map { $0.name == "Fn::Equals" && FunctionChecks.describe($0.argument) == text } == true
            }
        default:
            return false
        }
    }

    /// Does condition `name` having `value` imply `target` is true?
    private func implies(_ name: String, _ value: Bool, _ target: String, depth: Int) -> Bool {
        if depth > 16 { return false }
        if name == target { return value }
        guard let expr = template.condition(name)?.node else { return false }
        return exprImplies(expr, value, target, depth: depth + 1)
    }

    private func exprImplies(_ expr: Node, _ value: Bool, _ target: String, depth: Int) -> Bool {
        guard let f = expr.intrinsic else { return false }
        switch (f.name, value) {
        case ("Condition", _):
            guard let n = f.argument.text else { return false }
            return implies(n, value, target, depth: depth)
        case ("Fn::And", true):
            return (f.argument.sequence ?? []).contains { exprImplies($0, true, target, depth: depth + 1) }
        case ("Fn::Or", false):
            return (f.argument.sequence ?? []).contains { exprImplies($0, false, target, depth: depth + 1) }
        case ("Fn::Or", true):
            let items = f.argument.sequence ?? []
            return !items.isEmpty && items.allSatisfy { exprImplies($0, true, target, depth: depth + 1) }
        case ("Fn::Not", _):
            guard let inner = f.argument.sequence?.first else { return false }
            return exprImplies(inner, !value, target, depth: depth + 1)
        case ("Fn::Equals", true):
            // Equal expressions: another condition with the very same Fn::Equals.
            guard let t = template.condition(target)?.node.intrinsic, t.name == "Fn::Equals" else { return false }
            return FunctionChecks.describe(t.argument) == FunctionChecks.describe(f.argument)
        default:
            return false
        }
    }
}
