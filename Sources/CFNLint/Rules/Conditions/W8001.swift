import CFNTemplate

extension ConditionRules {
    static func collectConditionKeys(_ node: Node, into used: inout Set<String>) {
        switch node.value {
        case .mapping(let m):
            for e in m.entries {
                if e.key.name == "Condition", let n = e.value.text { used.insert(n) }
                collectConditionKeys(e.value, into: &used)
            }
        case .sequence(let items): for i in items { collectConditionKeys(i, into: &used) }
        case .scalar: break
        }
    }

    static let w8001 = Rule(
        "W8001", "Check if Conditions are Used",
        "Warns about conditions that no resource, output, Fn::If or other condition uses.",
        source: Docs.conditions, tags: ["conditions"],
        failing: [RuleExample("""
            Conditions:
              ⟦W8001⟧IsEast: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """)],
        passing: [RuleExample("""
            Conditions:
              IsEast: !Equals [!Ref "AWS::Region", us-east-1]
              NotEast: !Not [!Condition IsEast]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: NotEast
            """)]
    ) { ctx, out in
        let t = ctx.template
        guard !t.conditions.isEmpty else { return }
        var used = Set<String>()
        for r in t.resources { if let c = r.condition { used.insert(c.name) } }
        for o in t.outputs { if let c = o.condition { used.insert(c.name) } }
        for call in ctx.calls {
            if call.name == "Fn::If", let c = call.argument.sequence?.first?.text { used.insert(c) }
            if call.name == "Condition", let c = call.argument.text { used.insert(c) }
        }
        // SAM Globals and nested places such as a resource's UpdatePolicy may name conditions as plain strings.
        if let globals = t.root["Globals"] { collectConditionKeys(globals, into: &used) }
        for c in t.conditions where !used.contains(c.name) {
            out.add("Condition \(c.name) not used", at: c.key.range, path: [.key("Conditions"), .key(c.name)])
        }
    }
}
