import CFNTemplate

// The Rules section: each rule's RuleCondition and Assertions, with the rule-specific functions.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html
extension Evaluator {
    /// Evaluates every rule; a failing assertion is reported with its `AssertDescription`.
    /// Assertions that depend on values not known here are skipped.
    @discardableResult
    public func checkRules() -> [EvaluationError] {
        let before = errors.count
        for rule in template.rules {
            if let condition = rule.ruleCondition {
                let v = evaluate(condition)
                guard booleanOperand(v, what: "rule \(rule.name)'s RuleCondition") == true else { continue }
            }
            guard let assertions = rule.node["Assertions"] else {
                report(.wrongArgumentType, "rule \(rule.name) has no Assertions list", at: rule.key.range)
                continue
            }
            guard let list = assertions.sequence else {
                report(.wrongArgumentType, "rule \(rule.name)'s Assertions must be a list", at: assertions.range)
                continue
            }
            for assertion in list {
                guard let assert = assertion["Assert"] else {
                    report(.wrongArgumentType, "each assertion of rule \(rule.name) needs an Assert", at: assertion.range)
                    continue
                }
                let v = evaluate(assert)
                if booleanOperand(v, what: "rule \(rule.name)'s Assert") == false {
                    let description = assertion["AssertDescription"]?.text ?? "an assertion failed"
                    report(.ruleAssertionFailed, "rule \(rule.name) failed: \(description)", at: assert.range)
                }
            }
        }
        return Array(errors[before...])
    }

    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-rules.html
    func fnRuleMembership(_ name: String, _ argument: Node, _ node: Node) -> Value {
        guard let items = arguments(name, argument, 2...2, "[list, value]") else {
            return .function(name, evaluate(argument), node.range)
        }
        let first = evaluate(items[0]), second = evaluate(items[1])
        let partial = Value.function(name, .list([first, second], argument.range), node.range)
        guard let list = first.listValue ?? first.scalarText.map({ _ in [first] }) else { return partial }
        switch name {
        case "Fn::Contains":
            var unknown = false
            for item in list {
                switch item.equals(second) {
                case true?: return .bool(true, node.range)
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? partial : .bool(false, node.range)
        case "Fn::EachMemberEquals":
            var unknown = false
            for item in list {
                switch item.equals(second) {
                case false?: return .bool(false, node.range)
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? partial : .bool(true, node.range)
        default:  // Fn::EachMemberIn
            guard let allowed = second.listValue else { return partial }
            var unknown = false
            for item in list {
                var found: Bool? = false
                for a in allowed {
                    switch item.equals(a) {
                    case true?: found = true
                    case nil where found == false: found = nil
                    default: break
                    }
                    if found == true { break }
                }
                switch found {
                case false?: return .bool(false, node.range)
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? partial : .bool(true, node.range)
        }
    }
}
