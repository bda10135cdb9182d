import CFNTemplate

extension ConditionRules {
    static let e3015 = Rule(
        "E3015", "Validate the resource condition is valid",
        "Checks that a resource's Condition names a condition of the template.",
        source: Docs.resources, tags: ["resources", "conditions"],
        failing: [RuleExample("""
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                ⟦E3015⟧Condition: Missing
            """)],
        passing: [RuleExample("""
            Conditions:
              IsUsEast1: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsUsEast1
            """)]
    ) { ctx, out in
        let t = ctx.template
        for r in t.resources {
            if let c = r.node.entry("Condition"), let name = c.value.scalar?.text, t.condition(name) == nil {
                out.add("'\(name)' is not one of \(FunctionChecks.list(t.conditions.map(\.name)))", at: c.key.range,
                        path: [.key("Resources"), .key(r.logicalId), .key("Condition")])
            }
        }
    }
}
