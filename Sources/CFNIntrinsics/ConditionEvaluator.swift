import CFNTemplate

// Named conditions: each evaluated once per evaluator, conditions that use other conditions
// resolved on demand, cycles reported with their path.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
extension Evaluator {
    /// The value of a named condition: true or false, or nil when it depends on values only known
    /// at deploy time (or the condition is unknown or part of a cycle, which is reported).
    public func conditionValue(named name: String) -> Bool? {
        conditionValue(named: name, at: template.condition(name)?.key.range ?? .synthetic)
    }

    /// Every condition's value, in template order.
    public func allConditionValues() -> [(name: String, value: Bool?)] {
        template.conditions.map { ($0.name, conditionValue(named: $0.name)) }
    }

    func conditionValue(named name: String, at range: SourceRange) -> Bool? {
        switch conditionStates[name] {
        case .done(let v)?:
            return v
        case .evaluating? where conditionCycleCuts.contains(name):
            return nil
        case .evaluating?:
            let start = conditionStack.firstIndex(of: name) ?? 0
            let cycle = conditionStack[start...] + [name]
            let at = template.condition(name)?.key.range ?? range
            report(.conditionCycle, "condition \(name) depends on itself: \(cycle.joined(separator: " -> "))", at: at)
            return nil
        case nil:
            break
        }
        guard template.condition(name) != nil else {
            report(.unknownCondition, "no condition is named '\(name)'", at: range)
            conditionStates[name] = .done(nil)
            return nil
        }
        if conditionCycleCuts.contains(name) { return nil }
        guard conditionStack.isEmpty else { return evaluateCondition(name) }
        // From the outside: evaluate what it uses first, deepest first, so no chain recurses.
        let plan = ConditionDependencies.order(from: name, in: template) { conditionStates[$0] != nil }
        for cycle in plan.cycles {
            let reached = cycle[cycle.count - 1]
            report(.conditionCycle, "condition \(reached) depends on itself: \(cycle.joined(separator: " -> "))",
                   at: template.condition(reached)?.key.range ?? range)
            conditionCycleCuts.insert(reached)
        }
        var result: Bool?
        for condition in plan.order where conditionStates[condition] == nil {
            result = evaluateCondition(condition)
        }
        conditionCycleCuts.removeAll()
        return result
    }

    /// Evaluates one condition's definition (those it uses are evaluated already, or on demand).
    private func evaluateCondition(_ name: String) -> Bool? {
        guard let definition = template.condition(name) else { return nil }
        conditionStates[name] = .evaluating
        conditionStack.append(name)
        let value = evaluate(definition.node)
        let result = booleanOperand(value, what: "condition \(name)")
        conditionStack.removeLast()
        conditionStates[name] = .done(result)
        return result
    }

    /// A condition operand's truth: nil when symbolic, or (with an error) when not a boolean.
    func booleanOperand(_ value: Value, what: String) -> Bool? {
        switch value.kind {
        case .bool(let b): return b
        case .string(let s) where s == "true" || s == "false": return s == "true"
        case .symbolic: return nil
        default:
            report(.conditionNotBoolean, "\(what) must be a condition (Fn::Equals, Fn::And, Condition, ...), not \(value.kindName)",
                   at: value.range)
            return nil
        }
    }

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html
    func fnIf(_ argument: Node, _ node: Node) -> Value {
        guard let items = arguments("Fn::If", argument, 3...3, "[ConditionName, ValueIfTrue, ValueIfFalse]") else {
            return .function("Fn::If", evaluate(argument), node.range)
        }
        guard let name = items[0].text, items[0].scalar != nil else {
            report(.wrongArgumentType, "Fn::If's first argument must be a condition name", at: items[0].range)
            return .function("Fn::If", evaluate(argument), node.range)
        }
        switch conditionValue(named: name, at: items[0].range) {
        case true?: return evaluate(items[1])
        case false?: return evaluate(items[2])
        case nil:
            return .function("Fn::If", .list([.string(name, items[0].range), evaluate(items[1]), evaluate(items[2])], argument.range), node.range)
        }
    }

    func fnEquals(_ argument: Node, _ node: Node) -> Value {
        guard let items = arguments("Fn::Equals", argument, 2...2, "[value1, value2]") else {
            return .function("Fn::Equals", evaluate(argument), node.range)
        }
        let a = evaluate(items[0]), b = evaluate(items[1])
        if let result = a.equals(b) { return .bool(result, node.range) }
        return .function("Fn::Equals", .list([a, b], argument.range), node.range)
    }

    func fnAndOr(_ name: String, _ argument: Node, _ node: Node) -> Value {
        guard let items = arguments(name, argument, 2...10, "of conditions") else {
            return .function(name, evaluate(argument), node.range)
        }
        let isAnd = name == "Fn::And"
        var values: [Value] = []
        var unknown = false
        var decided = false
        for item in items {
            let v = evaluate(item)
            values.append(v)
            switch booleanOperand(v, what: "each argument of \(name)") {
            case nil: unknown = true
            case let b?: if b != isAnd { decided = true }
            }
        }
        if decided { return .bool(!isAnd, node.range) }
        if unknown { return .function(name, .list(values, argument.range), node.range) }
        return .bool(isAnd, node.range)
    }

    func fnNot(_ argument: Node, _ node: Node) -> Value {
        guard let items = arguments("Fn::Not", argument, 1...1, "[condition]") else {
            return .function("Fn::Not", evaluate(argument), node.range)
        }
        let v = evaluate(items[0])
        guard let b = booleanOperand(v, what: "the argument of Fn::Not") else {
            return .function("Fn::Not", .list([v], argument.range), node.range)
        }
        return .bool(!b, node.range)
    }

    func fnCondition(_ argument: Node, _ node: Node) -> Value {
        let name = argument.text ?? ""
        guard let b = conditionValue(named: name, at: argument.range) else {
            return .function("Condition", .string(name, argument.range), node.range)
        }
        return .bool(b, node.range)
    }
}
